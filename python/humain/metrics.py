"""Grounding metrics with the design document's semantics (computed by the C++ core)."""
from typing import Any, Dict, Iterable, Sequence, Tuple, Union

from . import _humain

Box = Sequence[float]


def calculate_iou(box1: Box, box2: Box) -> float:
    """Intersection over union of two (x1, y1, x2, y2) boxes; 0.0 when either box is empty."""
    return _humain.iou(box1, box2)


def _one(predictions: Sequence[Tuple[Box, float]], ground_truth: Sequence[Box], threshold: float) -> Dict[str, Any]:
    boxes = [box for box, _confidence in predictions]
    accuracy, matches, total = _humain.evaluate_grounding_accuracy(boxes, list(ground_truth), float(threshold))
    return {"accuracy_at_iou": accuracy, "iou_threshold": float(threshold), "total_predictions": total,
            "matches": matches}


def evaluate_grounding_accuracy(predictions: Iterable[Tuple[Box, float]], ground_truth: Iterable[Box],
                                thresholds: Union[float, Iterable[float]] = 0.5) -> Any:
    """The document's evaluate_grounding_accuracy.

    predictions: (box, confidence) pairs; ground_truth: boxes. A prediction matches when its IoU
    with ANY ground-truth box is strictly greater than the threshold; accuracy = matches /
    predictions (0.0 when there are none). One threshold -> the document's dict
    {'accuracy_at_iou', 'iou_threshold', 'total_predictions', 'matches'}; several -> a dict of
    those keyed by threshold.
    """
    predictions, ground_truth = list(predictions), list(ground_truth)
    if isinstance(thresholds, (int, float)):
        return _one(predictions, ground_truth, thresholds)
    return {float(t): _one(predictions, ground_truth, t) for t in thresholds}
