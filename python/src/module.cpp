// The _humain extension module; the public API is the `humain` package around it (python/humain).
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "humain/version.h"

PYBIND11_MODULE(_humain, m) {
  m.doc() = "humain: GUI grounding (C++ core). Use the `humain` package, not this module directly.";
  m.attr("__version__") = HUMAIN_VERSION;
  humain::python::bind_grounder(m);
  humain::python::bind_router(m);
  humain::python::bind_tools(m);
}
