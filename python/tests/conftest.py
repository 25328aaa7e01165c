"""Shared fixtures: the repository root and the bundled screenshots."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(os.environ.get("HUMAIN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
LOGIN = ROOT / "data" / "samples" / "login.png"
SIGN_IN = (450, 411, 830, 450)  # data/samples/samples.json: "click Sign in"


def inside(point, box):
    return point is not None and box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


@pytest.fixture(scope="session")
def grounder():
    import humain
    return humain.Grounder()
