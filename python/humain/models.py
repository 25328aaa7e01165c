"""Model sizing: VRAM estimates and recommendations from the catalogue (data/models/catalog.yaml)."""
from typing import Any, Dict, Optional, Union

from . import _humain


def vram(params: Union[str, float], quant: str = "q4_k_m", context: int = 4096, image: Optional[str] = None,
         family: str = "") -> Dict[str, Any]:
    """VRAM in GB for a model of `params` ("7B" or 7.0 billion) at `quant`, like `humain models vram`.

    image ("1920x1080") adds the vision tokens and encoder of `family` (e.g. "qwen2.5-vl").
    Returns {'total_gb', 'weights_gb', 'kv_cache_gb', 'vision_gb', 'vision_tokens', ...}.
    """
    return _humain.vram(params, quant, context, image or "", family)


def recommend(vram_gb: float = 0.0, accuracy: str = "high", budget: str = "medium", hardware: str = "consumer",
              context: int = 4096, screen: str = "1920x1080", catalog: Optional[str] = None) -> Dict[str, Any]:
    """The catalogue model that fits, like `humain models recommend`: {'model', 'quant', 'engine', ...}."""
    return _humain.recommend(vram_gb, accuracy, budget, hardware, context, screen, catalog or "")
