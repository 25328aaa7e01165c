"""humain: find the UI element an instruction names in a screenshot (C++ core, in-process).

    import humain
    g = humain.Grounder()                                  # the local engine, no server needed
    p = g.find_element("data/samples/login.png", "click Sign in")
    print(p.point, p.box, p.confidence, p.source)
"""
from typing import Any, Dict, Optional, Union

from . import metrics, models
from ._errors import (Error, InternalError, InvalidInputError, IoError, NetworkError, NotFoundError,
                      ParseError, PolicyError, ServerError, TimeoutError, UnsupportedError)
from ._humain import Grounder, Prediction, RouteExplanation, Router, Screenshot, __version__
from . import _humain


class ScreenAnalyzer:
    """The design document's ScreenAnalyzer: find_element(description, screenshot) -> dict.

    The dict has 'bounding_box' (x1, y1, x2, y2) or None, 'point' (x, y) or None, 'confidence'
    and 'source'. A thin layer over Grounder; pass one to share its caches.
    """

    def __init__(self, config: Any = None, grounder: Union[str, Grounder] = "local") -> None:
        self.grounder = grounder if isinstance(grounder, Grounder) else Grounder(config, grounder)

    def find_element(self, description: str, screenshot: Any) -> Dict[str, Any]:
        p = self.grounder.find_element(screenshot, description)
        return {"bounding_box": p.box, "point": p.point, "confidence": p.confidence, "source": p.source}


def eval(dataset: str, images: str, grounder: Union[str, Grounder] = "local", config: Any = None,
         threads: int = 1, limit: int = 0, out: Optional[str] = None) -> Dict[str, Any]:  # noqa: A001
    """Runs a grounder over a data set file; returns report.json's object (writes DIR too if `out`)."""
    return _humain.eval(str(dataset), str(images), grounder, config, threads, limit, str(out) if out else "")


__all__ = ["Grounder", "Prediction", "Screenshot", "ScreenAnalyzer", "Router", "RouteExplanation", "eval", "metrics", "models",
           "Error", "InvalidInputError", "NotFoundError", "IoError", "UnsupportedError", "TimeoutError",
           "NetworkError", "ServerError", "ParseError", "PolicyError", "InternalError", "__version__"]
