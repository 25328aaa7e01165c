from typing import Any, Dict, Iterable, Sequence, Tuple, Union, overload

Box = Sequence[float]

def calculate_iou(box1: Box, box2: Box) -> float: ...
@overload
def evaluate_grounding_accuracy(predictions: Iterable[Tuple[Box, float]], ground_truth: Iterable[Box],
                                thresholds: float = 0.5) -> Dict[str, Any]: ...
@overload
def evaluate_grounding_accuracy(predictions: Iterable[Tuple[Box, float]], ground_truth: Iterable[Box],
                                thresholds: Iterable[float]) -> Dict[float, Dict[str, Any]]: ...
