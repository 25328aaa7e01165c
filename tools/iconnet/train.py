#!/usr/bin/python3
"""Trains the local engine's icon network from scratch on the icon bank's renders and exports it
to ONNX for OpenCV DNN (src/grounding/local/detect/icon_net.cpp). CPU only, reproducible:

    /usr/bin/python3 tools/iconnet/train.py --seed 0 --out data/models/icon_net.onnx

Classes: the bank's concepts in data/icons/concepts.tsv order, then "not-icon" (letters, digits
and short words rendered from the DejaVu fonts); the names go to OUT with .labels for .onnx, one
per line. Every epoch draws fresh renderings (augment.py). `--holdout STYLE,...` leaves whole
icon styles out of training and reports top-1/top-3 on them (the honest number of the model
card). Needs Debian's python3-torch, python3-onnx, python3-opencv, python3-pil, fonts-dejavu."""
import argparse
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import augment  # noqa: E402

NOT_ICON = "not-icon"
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def read_bank(repo):
    concepts = [l.split("\t")[0] for l in open(os.path.join(repo, "data/icons/concepts.tsv"))
                if l.strip() and not l.startswith("#")]
    atlas = cv2.imread(os.path.join(repo, "data/icons/bank.png"), cv2.IMREAD_GRAYSCALE)
    icons = []  # (ink 32x32 float, class index, style)
    for line in open(os.path.join(repo, "data/icons/bank.tsv")):
        if not line.strip() or line.startswith("#"):
            continue
        cell, concept, style = line.rstrip("\n").split("\t")[:3]
        cell = int(cell)
        cols = atlas.shape[1] // 32
        ink = atlas[(cell // cols) * 32:(cell // cols + 1) * 32, (cell % cols) * 32:(cell % cols + 1) * 32]
        icons.append((ink.astype(np.float32) / 255, concepts.index(concept), style))
    return concepts + [NOT_ICON], icons


class IconNet(nn.Module):
    """Four 3x3 conv stages (32->16->8->4 px), global average pool, one linear layer, softmax.
    ~2.4M multiply-adds per glyph: a screen has ~100 candidates and OpenCV DNN on one core does
    ~10 G/s, so the network costs ~25 ms a screen (a 4x wider one scored no better)."""

    def __init__(self, classes):
        super().__init__()

        def block(i, o):
            return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]

        self.features = nn.Sequential(
            *block(1, 16), nn.MaxPool2d(2),
            *block(16, 24), nn.MaxPool2d(2),
            *block(24, 48), nn.MaxPool2d(2),
            *block(48, 96), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.1))
        self.classify = nn.Linear(96, classes)

    def forward(self, x):
        return self.classify(self.features(x))


class Exported(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return F.softmax(self.net(x), dim=1)


def make_epoch(icons, fonts, copies, text_share, not_icon, rng):
    xs, ys = [], []
    for ink, label, _ in icons:
        for _ in range(copies):
            g = augment.sample(ink, rng)
            if g is not None:
                xs.append(g)
                ys.append(label)
    for _ in range(int(text_share * len(xs))):
        g = augment.text_sample(rng, fonts)
        if g is not None:
            xs.append(g)
            ys.append(not_icon)
    return torch.from_numpy(np.stack(xs)[:, None]), torch.tensor(ys)


def evaluate(net, x, y):
    net.eval()
    with torch.no_grad():
        logits = torch.cat([net(x[i:i + 512]) for i in range(0, len(x), 512)])
    top3 = logits.topk(3, dim=1).indices
    return (top3[:, 0] == y).float().mean().item(), (top3 == y[:, None]).any(1).float().mean().item()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(REPO, "data/models/icon_net.onnx"))
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--copies", type=int, default=6, help="renderings of each bank icon per epoch")
    ap.add_argument("--text-share", type=float, default=0.12, help="not-icon samples per icon sample")
    ap.add_argument("--holdout", default="", help="comma-separated bank styles kept out of training")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    started = time.time()
    names, icons = read_bank(REPO)
    held = set(filter(None, args.holdout.split(",")))
    train_icons = [i for i in icons if i[2] not in held]
    test_icons = [i for i in icons if i[2] in held]
    fonts = augment.load_fonts()
    print(f"{len(names)} classes, {len(train_icons)} training icons, {len(test_icons)} held out ({sorted(held)})")

    net = IconNet(len(names))
    params = sum(p.numel() for p in net.parameters())
    print(f"{params} parameters")
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    batch = 128
    steps_per_epoch = (len(train_icons) * args.copies * (1 + args.text_share)) // batch + 1
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=int(steps_per_epoch * args.epochs) + 50)
    for epoch in range(args.epochs):
        t0 = time.time()
        x, y = make_epoch(train_icons, fonts, args.copies, args.text_share, len(names) - 1, rng)
        t1 = time.time()
        net.train()
        order = torch.randperm(len(x))
        total = 0.0
        for i in range(0, len(x), batch):
            idx = order[i:i + batch]
            loss = F.cross_entropy(net(x[idx]), y[idx], label_smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch + 1}/{args.epochs}: loss {total / len(x):.3f}, {len(x)} samples, "
              f"render {t1 - t0:.0f} s, train {time.time() - t1:.0f} s", flush=True)

    eval_rng = np.random.default_rng(args.seed + 1000)
    check = test_icons if test_icons else train_icons
    x, y = make_epoch(check, fonts, 4, 0.0, len(names) - 1, eval_rng)
    top1, top3 = evaluate(net, x, y)
    what = "held-out styles" if test_icons else "training styles (fresh renderings)"
    print(f"{what}: top-1 {top1:.3f}, top-3 {top3:.3f} on {len(x)} renderings")
    tx = [augment.text_sample(eval_rng, fonts) for _ in range(500)]
    tx = torch.from_numpy(np.stack([t for t in tx if t is not None])[:, None])
    net.eval()
    with torch.no_grad():
        text_as_not_icon = (net(tx).argmax(1) == len(names) - 1).float().mean().item()
    print(f"text fragments called not-icon: {text_as_not_icon:.3f}")

    net.eval()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.onnx.export(Exported(net), torch.zeros(1, 1, 32, 32), args.out, opset_version=11,
                      input_names=["glyph"], output_names=["probabilities"],
                      dynamic_axes={"glyph": {0: "n"}, "probabilities": {0: "n"}})
    with open(os.path.splitext(args.out)[0] + ".labels", "w") as f:
        f.write("".join(n + "\n" for n in names))
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes) in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
