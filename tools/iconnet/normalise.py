"""The icon classifier's glyph normalisation, mirrored from
src/grounding/local/detect/icon_classifier.cpp (ink_of, drop_frames, normalised_glyph), so the
network is trained on exactly what the C++ side feeds it: a crop of the screen (grey, the glyph
with a little background around it) -> 32x32 float ink in 0..1, tight, centred on a square.
Keep the constants and steps in step with the C++ code."""
import cv2
import numpy as np

CELL = 32
MIN_CONTRAST = 24
INK_LEVEL = 0.4


def ink_of(grey):
    """How far each pixel is from the background (median of the border), 0..1; None when flat."""
    border = np.concatenate([grey[0, :], grey[-1, :], grey[1:-1, 0], grey[1:-1, -1]])
    background = np.sort(border)[border.size // 2]  # std::nth_element at size/2
    ink = cv2.absdiff(grey, np.full_like(grey, background))
    strongest = float(ink.max())
    if strongest < MIN_CONTRAST:
        return None
    return ink.astype(np.float32) / strongest


def drop_frames(ink):
    """A button frame around the glyph touches the crop on three or more sides: not the icon."""
    body = (ink > INK_LEVEL).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(body, connectivity=8)
    rows, cols = ink.shape
    frames = []
    for i in range(1, n):
        x, y, w, h = stats[i, :4]
        sides = int(x <= 1) + int(y <= 1) + int(x + w >= cols - 1) + int(y + h >= rows - 1)
        if sides >= 3:
            frames.append(i)
    if not frames or len(frames) == n - 1:
        return ink
    for label in frames:
        grown = cv2.dilate((labels == label).astype(np.uint8), np.ones((3, 3), np.uint8))
        ink[grown > 0] = 0
    return ink


def normalised_glyph(ink):
    ys, xs = np.nonzero(ink > INK_LEVEL)
    if xs.size == 0:
        return None
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    w, h = x1 - x0, y1 - y0
    side = max(w, h)
    if side < 4:
        return None
    square = np.zeros((side, side), np.float32)
    ox, oy = (side - w) // 2, (side - h) // 2
    square[oy:oy + h, ox:ox + w] = ink[y0:y1, x0:x1]
    interp = cv2.INTER_AREA if side > CELL else cv2.INTER_LINEAR
    return cv2.resize(square, (CELL, CELL), interpolation=interp)


def glyph_of_crop(grey):
    """The network's input for one screen crop (uint8 grey), or None (no glyph)."""
    ink = ink_of(grey)
    if ink is None:
        return None
    return normalised_glyph(drop_frames(ink))
