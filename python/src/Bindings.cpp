//===- Bindings.cpp - The extension module kiln._kiln (pybind11) ----------===//
//
// The Python side of Session.h: numpy arrays in and out, the GIL released
// while Kiln loads, compiles or runs, and SessionError turned into Python
// exceptions (ValueError for a bad argument, kiln.Error, a RuntimeError,
// for the rest). The package kiln (python/kiln/__init__.py) wraps it with
// the documented API; this module's names start with an underscore there.
//
// Inputs are borrowed, not copied, when an array already has the model's
// dtype, native byte order, C order and element alignment: the runtime
// tensor views the array's memory, which the caller's reference keeps alive
// for the whole run. Any other array is converted once (np.ascontiguousarray
// with the native dtype); an array of another dtype is an error, not a
// conversion. Outputs are returned without a copy: each numpy array views
// its runtime tensor, kept alive by a capsule that owns a reference to the
// tensor's buffer. An output whose bytes are an input's (a model that hands
// an input through) is copied, so that it never borrows the caller's array.
//
//===----------------------------------------------------------------------===//
#include "Session.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>

namespace py = pybind11;
using kiln::DType;
using kiln::Shape;
using kiln::Tensor;
using kiln::python::Port;
using kiln::python::Session;
using kiln::python::SessionError;

namespace {

/// The numpy dtype of \p t.
py::dtype numpyDType(DType t) {
  switch (t) {
  case DType::F32:
    return py::dtype("float32");
  case DType::F16:
    return py::dtype("float16");
  case DType::F64:
    return py::dtype("float64");
  case DType::I8:
    return py::dtype("int8");
  case DType::U8:
    return py::dtype("uint8");
  case DType::I32:
    return py::dtype("int32");
  case DType::I64:
    return py::dtype("int64");
  case DType::Bool:
    return py::dtype("bool");
  }
  throw SessionError("unknown dtype", false);
}

/// The Kiln dtype of numpy dtype \p d (any byte order), if Kiln has one.
std::optional<DType> kilnDType(const py::dtype &d) {
  for (DType t : {DType::F32, DType::F16, DType::F64, DType::I8, DType::U8,
                  DType::I32, DType::I64, DType::Bool})
    if (d.kind() == numpyDType(t).kind() &&
        d.itemsize() == numpyDType(t).itemsize())
      return t;
  return std::nullopt;
}

/// True when \p a can be given to the model as it is, its memory viewed by
/// the runtime tensor: the dtype \p expected in native byte order, C order
/// and aligned elements.
bool canBorrow(const py::array &a, DType expected) {
  constexpr int flags =
      py::array::c_style | py::detail::npy_api::NPY_ARRAY_ALIGNED_;
  return kilnDType(a.dtype()) == expected && (a.flags() & flags) == flags &&
         a.dtype().byteorder() != '>';
}

/// A tensor of \p a's dtype and shape viewing its memory (no copy).
Tensor viewOf(const py::array &a, DType dtype) {
  Shape shape(a.shape(), a.shape() + a.ndim());
  return Tensor::view(dtype, std::move(shape), const_cast<void *>(a.data()),
                      /*owner=*/nullptr);
}

/// A numpy array viewing \p t's buffer, which the array keeps alive.
py::array arrayOf(const Tensor &t) {
  auto *owned = new Tensor(t);
  py::capsule owner(owned, [](void *p) { delete static_cast<Tensor *>(p); });
  std::vector<py::ssize_t> shape(t.shape().begin(), t.shape().end());
  return py::array(numpyDType(t.dtype()), shape, owned->raw(), owner);
}

/// True when the bytes of \p a and \p b overlap.
bool overlaps(const Tensor &a, const Tensor &b) {
  if (!a.byteSize() || !b.byteSize())
    return false;
  auto *pa = static_cast<const char *>(a.raw());
  auto *pb = static_cast<const char *>(b.raw());
  return pa < pb + b.byteSize() && pb < pa + a.byteSize();
}

/// A model loaded by kiln.load.
class PyModel {
public:
  explicit PyModel(std::unique_ptr<Session> session)
      : session(std::move(session)) {}

  /// Runs on \p args, one array (or array-like) per input in order.
  py::list run(const py::list &args) {
    const std::vector<Port> &ports = session->inputs();
    if (args.size() != ports.size())
      throw SessionError("the model has " + std::to_string(ports.size()) +
                             " inputs but got " + std::to_string(args.size()),
                         true);
    // The arrays the tensors view, alive until the run is over.
    std::vector<py::array> arrays;
    std::vector<Tensor> inputs;
    py::module_ np = py::module_::import("numpy");
    for (size_t i = 0; i < ports.size(); ++i) {
      py::array a = py::isinstance<py::array>(args[i])
                        ? py::reinterpret_borrow<py::array>(args[i])
                        : py::array(np.attr("asarray")(args[i]));
      std::optional<DType> dtype = kilnDType(a.dtype());
      if (!dtype || *dtype != ports[i].dtype)
        throw SessionError(
            "input '" + ports[i].name + "' expects " +
                std::string(kiln::dtypeName(ports[i].dtype)) + " (numpy " +
                py::str(numpyDType(ports[i].dtype)).cast<std::string>() +
                ") but got numpy " + py::str(a.dtype()).cast<std::string>(),
            true);
      if (!canBorrow(a, *dtype))
        a = np.attr("ascontiguousarray")(a, numpyDType(*dtype));
      arrays.push_back(a);
      inputs.push_back(viewOf(a, *dtype));
    }
    std::vector<Tensor> outputs;
    {
      py::gil_scoped_release released;
      outputs = session->run(inputs);
    }
    py::list result;
    for (Tensor &t : outputs) {
      for (const Tensor &in : inputs)
        if (overlaps(t, in)) {
          t = t.clone();
          break;
        }
      result.append(arrayOf(t));
    }
    return result;
  }

  /// (name, dims with -1 where dynamic or None when the rank is unknown,
  /// numpy dtype) of each of \p ports.
  static py::list describe(const std::vector<Port> &ports) {
    py::list list;
    for (const Port &p : ports) {
      py::object dims = py::none();
      if (p.ranked)
        dims = py::cast(p.shape);
      list.append(py::make_tuple(p.name, dims, numpyDType(p.dtype)));
    }
    return list;
  }

  std::unique_ptr<Session> session;
};

/// Reads a {name: shape} dict into \p out.
std::map<std::string, Shape> shapesOf(const py::object &shapes) {
  std::map<std::string, Shape> out;
  if (shapes.is_none())
    return out;
  for (auto [name, dims] : py::cast<py::dict>(shapes)) {
    Shape shape;
    for (py::handle d : dims) {
      int64_t v = py::cast<int64_t>(d);
      if (v < 0)
        throw SessionError("shapes['" + py::cast<std::string>(name) +
                               "'] has a negative dimension",
                           true);
      shape.push_back(v);
    }
    out[py::cast<std::string>(name)] = shape;
  }
  return out;
}

} // namespace

PYBIND11_MODULE(_kiln, m) {
  m.doc() = "Kiln's libraries for the Python package kiln";
  static py::exception<SessionError> error(m, "Error", PyExc_RuntimeError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p)
        std::rethrow_exception(p);
    } catch (const SessionError &e) {
      PyErr_SetString(e.isBadArgument() ? PyExc_ValueError : error.ptr(),
                      e.what());
    }
  });

  py::class_<PyModel>(m, "Session")
      .def("run", &PyModel::run, py::arg("inputs"))
      .def_property_readonly("inputs",
                             [](const PyModel &s) {
                               return PyModel::describe(s.session->inputs());
                             })
      .def_property_readonly("outputs",
                             [](const PyModel &s) {
                               return PyModel::describe(s.session->outputs());
                             })
      .def_property_readonly(
          "warnings", [](const PyModel &s) { return s.session->warnings(); })
      .def_property_readonly(
          "description",
          [](const PyModel &s) { return s.session->description(); })
      .def_property_readonly("variants", [](const PyModel &s) -> py::object {
        std::optional<kiln::python::VariantInfo> v = s.session->variants();
        if (!v)
          return py::none();
        py::dict d;
        d["kept"] = v->kept;
        d["capacity"] = v->capacity;
        d["hits"] = v->hits;
        d["prepared"] = v->prepared;
        d["failed"] = v->failed;
        d["evicted"] = v->evicted;
        return d;
      });

  m.def(
      "load",
      [](const std::string &path, const std::string &backend, unsigned threads,
         const std::string &cacheDir, bool useCache, const py::object &shapes,
         unsigned maxVariants) {
        kiln::python::LoadSettings settings;
        settings.maxVariants = maxVariants;
        settings.backend = backend;
        settings.threads = threads;
        settings.cacheDir = cacheDir;
        settings.useCache = useCache;
        settings.shapes = shapesOf(shapes);
        std::unique_ptr<Session> session;
        {
          py::gil_scoped_release released;
          session = Session::load(path, settings);
        }
        return PyModel(std::move(session));
      },
      py::arg("path"), py::arg("backend"), py::arg("threads"),
      py::arg("cache_dir"), py::arg("use_cache"), py::arg("shapes"),
      py::arg("max_variants"));

  m.def(
      "compile",
      [](const std::string &model, const std::string &output,
         const py::object &shapes, unsigned threads, bool weightsFile,
         const std::string &cacheDir, bool useCache, unsigned optLevel) {
        kiln::python::CompileSettings settings;
        settings.shapes = shapesOf(shapes);
        settings.threads = threads;
        settings.weightsFile = weightsFile;
        settings.cacheDir = cacheDir;
        settings.useCache = useCache;
        settings.optLevel = optLevel;
        kiln::python::CompileReport r;
        {
          py::gil_scoped_release released;
          r = kiln::python::compileLibrary(model, output, settings);
        }
        py::dict d;
        d["library"] = r.library;
        d["header"] = r.header;
        d["runtime"] = r.runtime.empty() ? py::object(py::none())
                                         : py::object(py::str(r.runtime));
        d["weights"] = r.weights.empty() ? py::object(py::none())
                                         : py::object(py::str(r.weights));
        d["prefix"] = r.prefix;
        d["kernels"] = r.kernels;
        d["reference_steps"] = r.referenceSteps;
        d["weight_bytes"] = r.weightBytes;
        d["scratch_bytes"] = r.scratchBytes;
        return d;
      },
      py::arg("model"), py::arg("output"), py::arg("shapes"),
      py::arg("threads"), py::arg("weights_file"), py::arg("cache_dir"),
      py::arg("use_cache"), py::arg("opt_level"));

  m.def(
      "_borrows",
      [](const py::array &a, const std::string &dtype) {
        std::optional<DType> t = kiln::parseDType(dtype);
        if (!t)
          throw SessionError("unknown dtype '" + dtype + "'", true);
        return canBorrow(a, *t);
      },
      "True when run() would give array to the model without a copy "
      "(for tests)");
}
