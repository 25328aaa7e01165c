"""humain.metrics (the document's semantics), humain.models and humain.eval."""
import json
import os
import random
import subprocess

import pytest

import humain
from humain.metrics import calculate_iou, evaluate_grounding_accuracy
from conftest import ROOT


def seed_calculate_iou(box1, box2):  # the design document's code, verbatim
    x1 = max(box1[0], box2[0])
    y1 = max(box1[1], box2[1])
    x2 = min(box1[2], box2[2])
    y2 = min(box1[3], box2[3])
    intersection = max(0, x2 - x1) * max(0, y2 - y1)
    area1 = (box1[2] - box1[0]) * (box1[3] - box1[1])
    area2 = (box2[2] - box2[0]) * (box2[3] - box2[1])
    union = area1 + area2 - intersection
    return intersection / union if union > 0 else 0.0


def seed_evaluate(predictions, ground_truth, iou_threshold=0.5):  # the document's code, verbatim
    matches = 0
    for pred_box, _ in predictions:
        for gt_box in ground_truth:
            if seed_calculate_iou(pred_box, gt_box) > iou_threshold:
                matches += 1
                break
    accuracy = matches / len(predictions) if predictions else 0.0
    return {'accuracy_at_iou': accuracy, 'iou_threshold': iou_threshold,
            'total_predictions': len(predictions), 'matches': matches}


def random_box(rng):
    x, y = rng.uniform(0, 100), rng.uniform(0, 100)
    return (x, y, x + rng.uniform(1, 60), y + rng.uniform(1, 60))


def test_metrics_match_the_documents_code_on_random_boxes():
    rng = random.Random(13)
    for _ in range(300):
        a, b = random_box(rng), random_box(rng)
        assert calculate_iou(a, b) == pytest.approx(seed_calculate_iou(a, b), abs=1e-12)
    for _ in range(50):
        preds = [(random_box(rng), rng.random()) for _ in range(rng.randint(0, 6))]
        truth = [random_box(rng) for _ in range(rng.randint(1, 4))]
        for t in (0.1, 0.5, 0.75):
            assert evaluate_grounding_accuracy(preds, truth, t) == pytest.approx(seed_evaluate(preds, truth, t))


def test_edges_of_the_documents_semantics():
    box = (0, 0, 10, 10)
    assert calculate_iou(box, box) == 1.0
    assert calculate_iou(box, (10, 0, 20, 10)) == 0.0  # touching edges do not overlap
    assert evaluate_grounding_accuracy([], [box]) == seed_evaluate([], [box])
    # strictly greater: IoU exactly 0.5 is not a match
    half = (0, 0, 10, 5)
    assert calculate_iou(half, box) == 0.5
    assert evaluate_grounding_accuracy([(half, 1.0)], [box], 0.5)["matches"] == 0
    several = evaluate_grounding_accuracy([(half, 1.0)], [box], [0.25, 0.5])
    assert several[0.25]["matches"] == 1 and several[0.5]["matches"] == 0
    with pytest.raises(humain.InvalidInputError):
        calculate_iou((1, 2, 3), box)


def test_models_match_the_cli():
    v = humain.models.vram("7B", "q4_k_m", context=4096)
    assert set(v) >= {"total_gb", "weights_gb", "kv_cache_gb", "vision_gb"}
    assert v["total_gb"] == pytest.approx(v["weights_gb"] + v["kv_cache_gb"] + v["vision_gb"], rel=1e-6)
    cli = os.environ.get("HUMAIN_CLI")
    if cli:
        out = json.loads(subprocess.check_output([cli, "models", "vram", "--params", "7B", "--quant", "q4_k_m", "--json"]))
        for k in ("total_gb", "weights_gb", "kv_cache_gb", "vision_gb"):
            assert v[k] == pytest.approx(out[k]), k
    with pytest.raises(humain.InvalidInputError):
        humain.models.vram("seven", "q4_k_m")
    rec = humain.models.recommend(vram_gb=24, accuracy="high", budget="medium")
    assert rec["model"] and rec["engine"] and rec["total_gb"] <= 24


def test_eval_returns_the_report_contract(tmp_path):
    samples = ROOT / "data" / "samples"
    report = humain.eval(samples / "samples.json", samples, grounder="local", out=tmp_path)
    assert report["n"] == len(json.loads((samples / "samples.json").read_text()))
    assert set(report) >= {"n", "click_accuracy", "acc_at_iou", "by_type", "latency_ms", "errors", "grounder"}
    assert set(report["acc_at_iou"]) == {"0.5", "0.75", "0.9"}
    assert (tmp_path / "report.json").exists() and (tmp_path / "predictions.jsonl").exists()
    shared = humain.Grounder()
    again = humain.eval(samples / "samples.json", samples, grounder=shared, limit=3)
    assert again["n"] == 3
    with pytest.raises(humain.IoError, match="missing.json"):
        humain.eval(tmp_path / "missing.json", samples)
