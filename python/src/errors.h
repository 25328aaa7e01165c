// humain::Error -> the Python exception of its kind (humain.InvalidInputError, ...), same message.
#pragma once

#include <pybind11/pybind11.h>

#include "humain/result.h"

namespace humain::python {

// Raises the humain.Error subclass for e.kind. Needs the GIL.
[[noreturn]] void raise(const Error& e);

// The value, or raises its error.
template <class T>
T unwrap(Result<T> r) {
  if (!r.ok()) raise(r.error());
  return std::move(r.value());
}

}  // namespace humain::python
