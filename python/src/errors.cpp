#include "errors.h"

namespace humain::python {

namespace py = pybind11;

namespace {

const char* class_name(Error::Kind kind) {
  switch (kind) {
    case Error::Kind::kInvalidInput: return "InvalidInputError";
    case Error::Kind::kNotFound: return "NotFoundError";
    case Error::Kind::kIo: return "IoError";
    case Error::Kind::kUnsupported: return "UnsupportedError";
    case Error::Kind::kTimeout: return "TimeoutError";
    case Error::Kind::kNetwork: return "NetworkError";
    case Error::Kind::kServer: return "ServerError";
    case Error::Kind::kParse: return "ParseError";
    case Error::Kind::kPolicy: return "PolicyError";
    case Error::Kind::kInternal: return "InternalError";
  }
  return "Error";
}

}  // namespace

void raise(const Error& e) {
  // The classes live in Python (humain/_errors.py) so they are plain, picklable exceptions.
  py::object cls = py::module_::import("humain._errors").attr(class_name(e.kind));
  PyErr_SetString(cls.ptr(), e.message.c_str());
  throw py::error_already_set();
}

}  // namespace humain::python
