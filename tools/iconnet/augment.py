"""Training samples for the icon network: a bank icon (or a text fragment, the "not-icon" class)
drawn the way a real screenshot shows it -- any size, stroke weight, colour and polarity, a little
rotation, blur, noise, JPEG, a button outline or a neighbour's ink in the margin, clipped edges --
then cropped like the C++ parser crops a candidate (its ink box + 3 px) and normalised like the C++
classifier (normalise.py). Every random choice comes from the numpy Generator passed in."""
import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from normalise import glyph_of_crop

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"  # Debian fonts-dejavu-core / fonts-dejavu-extra
FONTS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerif.ttf",
         "DejaVuSansMono.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSans-ExtraLight.ttf"]
# Letters and digits only: x/X (close), i (info), B I T U S (text formatting concepts) and punctuation
# that is an icon (+ - ? ! @ # < >) are not "not-icon".
TEXT_CHARS = "abcdefghjklmnopqrstuvwyzACDEFGHJKLMNOPQRVWYZ0123456789"
CROP_MARGIN = 3  # screen_parser.cpp icon_crop


def _stroke_and_pose(ink, rng):
    """ink: float 0..1 square. Thicker/thinner strokes, small rotation and aspect change, at 64 px."""
    big = cv2.resize(ink, (64, 64), interpolation=cv2.INTER_CUBIC).clip(0, 1)
    r = rng.random()
    if r < 0.2:
        big = cv2.dilate(big, np.ones((3, 3), np.float32), iterations=int(rng.integers(1, 3)))
    elif r < 0.35:
        big = cv2.erode(big, np.ones((2, 2), np.float32))
    if rng.random() < 0.35:
        m = cv2.getRotationMatrix2D((32, 32), float(rng.uniform(-10, 10)), float(rng.uniform(0.9, 1.05)))
        big = cv2.warpAffine(big, m, (64, 64), flags=cv2.INTER_LINEAR)
    return big


def _text_ink(rng, fonts):
    n = 1 if rng.random() < 0.55 else int(rng.integers(2, 5))
    text = "".join(rng.choice(list(TEXT_CHARS), n))
    font = fonts[int(rng.integers(len(fonts)))]
    img = Image.new("L", (64 * n + 32, 96), 0)
    ImageDraw.Draw(img).text((8, 8), text, fill=255, font=font)
    a = np.asarray(img, np.float32) / 255
    ys, xs = np.nonzero(a > 0.1)
    if xs.size == 0:
        return None
    a = a[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    side = max(a.shape)
    sq = np.zeros((side, side), np.float32)
    sq[(side - a.shape[0]) // 2:(side - a.shape[0]) // 2 + a.shape[0],
       (side - a.shape[1]) // 2:(side - a.shape[1]) // 2 + a.shape[1]] = a
    return sq


def load_fonts():
    return [ImageFont.truetype(FONT_DIR + f, 56) for f in FONTS]


def screen_crop(ink, rng):
    """ink: float 0..1 square glyph coverage -> uint8 grey crop as the parser would cut it."""
    big = _stroke_and_pose(ink, rng)
    size = int(round(np.exp(rng.uniform(np.log(9), np.log(80)))))
    aspect = rng.uniform(0.9, 1.1)
    w, h = max(4, int(size * aspect)), max(4, size)
    small = cv2.resize(big, (w, h), interpolation=cv2.INTER_AREA if w < 64 else cv2.INTER_LINEAR).clip(0, 1)
    pad = 14
    canvas_a = np.zeros((h + 2 * pad, w + 2 * pad), np.float32)
    canvas_a[pad:pad + h, pad:pad + w] = small
    if rng.random() < 0.1:  # clipped by a scroll edge or a neighbour: cut one side
        cut = int(rng.uniform(0.1, 0.25) * size)
        side = int(rng.integers(4))
        if side == 0: canvas_a[:, :pad + cut] = 0
        elif side == 1: canvas_a[:, pad + w - cut:] = 0
        elif side == 2: canvas_a[:pad + cut, :] = 0
        else: canvas_a[pad + h - cut:, :] = 0
    ys, xs = np.nonzero(canvas_a > 0.25)
    if xs.size == 0:
        return None
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1

    bg = float(rng.uniform(0, 255))
    contrast = float(rng.uniform(35, 255))
    fg = bg + contrast if (bg + contrast <= 255 and (bg - contrast < 0 or rng.random() < 0.5)) else bg - contrast
    fg = float(np.clip(fg, 0, 255))
    background = np.full(canvas_a.shape, bg, np.float32)
    if rng.random() < 0.2:  # gradient or texture behind (wallpapers, photos)
        gy, gx = np.mgrid[0:canvas_a.shape[0], 0:canvas_a.shape[1]].astype(np.float32)
        background += rng.uniform(-0.6, 0.6) * gx + rng.uniform(-0.6, 0.6) * gy
    extra = np.zeros_like(canvas_a)
    r = rng.random()
    if r < 0.12:  # a button outline around the glyph
        m = int(rng.integers(2, 6))
        cv2.rectangle(extra, (int(x0) - m, int(y0) - m), (int(x1) + m - 1, int(y1) + m - 1), 1.0, 1)
    elif r < 0.22:  # a neighbour's ink reaching into the margin
        side = int(rng.integers(2))
        xx = int(x1) + int(rng.integers(1, 4)) if side else int(x0) - int(rng.integers(2, 5))
        cv2.line(extra, (xx, int(y0) + int(rng.integers(0, max(1, h // 2)))), (xx, int(y1)), 1.0, 1)
    alpha = np.maximum(canvas_a, extra)
    img = background * (1 - alpha) + fg * alpha
    if rng.random() < 0.3:
        img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.3, 0.8)))
    if rng.random() < 0.3:
        img = img + rng.normal(0, rng.uniform(1, 7), img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.25:
        ok, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(30, 92))])
        img = cv2.imdecode(enc, cv2.IMREAD_GRAYSCALE)
    j = rng.integers(-1, 3, 4)  # the detector's box is the ink box give or take a pixel
    cx0, cy0 = max(0, x0 - CROP_MARGIN - j[0]), max(0, y0 - CROP_MARGIN - j[1])
    cx1, cy1 = min(img.shape[1], x1 + CROP_MARGIN + j[2]), min(img.shape[0], y1 + CROP_MARGIN + j[3])
    return img[cy0:cy1, cx0:cx1]


def sample(ink, rng):
    """A normalised 32x32 network input for one rendering of `ink`, or None."""
    for _ in range(4):
        crop = screen_crop(ink, rng)
        if crop is not None and crop.shape[0] >= 6 and crop.shape[1] >= 6:
            g = glyph_of_crop(crop)
            if g is not None:
                return g
    return None


def text_sample(rng, fonts):
    for _ in range(4):
        ink = _text_ink(rng, fonts)
        if ink is not None:
            g = sample(ink, rng)
            if g is not None:
                return g
    return None
