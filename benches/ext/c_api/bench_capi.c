/* The benchmark operations written by hand in C against the CPython C API
 * (the reference floor: no handles, no trampolines). Built by setup.py for
 * the running interpreter only.
 *
 * Every function mirrors one in ../c_hpy, ../rust_hpy and ../pyo3: same
 * Python signature, same result. Calls use the fast calling conventions
 * (METH_FASTCALL), the ones HPy's VARARGS and KEYWORDS map to. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

/* ---- functions ---------------------------------------------------------- */

static PyObject *noargs(PyObject *self, PyObject *unused)
{
    Py_RETURN_NONE;
}

static PyObject *onearg(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    return arg;
}

static PyObject *add(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "add() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
    long a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred())
        return NULL;
    long b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(a + b);
}

/* kwargs(a, b=0, *, c=0): keyword values follow the positional ones in
 * `args`, their names are in the `kwnames` tuple. */
static PyObject *kwargs(PyObject *self, PyObject *const *args, size_t nargsf,
                        PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyObject *slots[3] = {NULL, NULL, NULL};
    if (nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "kwargs() takes from 1 to 2 positional arguments");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++)
        slots[i] = args[i];
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, k);
        int index = -1;
        if (PyUnicode_CompareWithASCIIString(name, "b") == 0)
            index = 1;
        else if (PyUnicode_CompareWithASCIIString(name, "c") == 0)
            index = 2;
        else if (PyUnicode_CompareWithASCIIString(name, "a") == 0)
            index = 0;
        if (index < 0 || slots[index] != NULL) {
            PyErr_Format(PyExc_TypeError, "kwargs() got an unexpected or repeated keyword argument '%U'", name);
            return NULL;
        }
        slots[index] = args[nargs + k];
    }
    if (slots[0] == NULL) {
        PyErr_SetString(PyExc_TypeError, "kwargs() missing 1 required positional argument: 'a'");
        return NULL;
    }
    long values[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        if (slots[i] == NULL)
            continue;
        values[i] = PyLong_AsLong(slots[i]);
        if (values[i] == -1 && PyErr_Occurred())
            return NULL;
    }
    return PyLong_FromLong(values[0] + values[1] + values[2]);
}

static PyObject *make_list(PyObject *self, PyObject *unused)
{
    PyObject *list = PyList_New(100);
    if (list == NULL)
        return NULL;
    for (long i = 0; i < 100; i++) {
        PyObject *item = PyLong_FromLong(i);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

/* ---- Point: a small object ---------------------------------------------- */

typedef struct {
    PyObject_HEAD
    double x;
    double y;
} PointObject;

static PyTypeObject *point_type;

static PyObject *point_from(PyTypeObject *type, double x, double y)
{
    PointObject *p = (PointObject *)type->tp_alloc(type, 0);
    if (p == NULL)
        return NULL;
    p->x = x;
    p->y = y;
    return (PyObject *)p;
}

static PyObject *point_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    if (kw != NULL && PyDict_GET_SIZE(kw) != 0) {
        PyErr_SetString(PyExc_TypeError, "Point() takes no keyword arguments");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) != 2) {
        PyErr_SetString(PyExc_TypeError, "Point() takes exactly 2 arguments");
        return NULL;
    }
    double x = PyFloat_AsDouble(PyTuple_GET_ITEM(args, 0));
    if (x == -1.0 && PyErr_Occurred())
        return NULL;
    double y = PyFloat_AsDouble(PyTuple_GET_ITEM(args, 1));
    if (y == -1.0 && PyErr_Occurred())
        return NULL;
    return point_from(type, x, y);
}

static void point_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject *point_norm2(PyObject *self, PyObject *unused)
{
    PointObject *p = (PointObject *)self;
    return PyFloat_FromDouble(p->x * p->x + p->y * p->y);
}

static PyObject *point_get_x(PyObject *self, void *closure)
{
    return PyFloat_FromDouble(((PointObject *)self)->x);
}

static Py_ssize_t point_len(PyObject *self)
{
    return 2;
}

static PyObject *point_item(PyObject *self, Py_ssize_t i)
{
    PointObject *p = (PointObject *)self;
    if (i == 0)
        return PyFloat_FromDouble(p->x);
    if (i == 1)
        return PyFloat_FromDouble(p->y);
    PyErr_SetString(PyExc_IndexError, "Point index out of range");
    return NULL;
}

static PyObject *point_add(PyObject *left, PyObject *right)
{
    if (!PyObject_TypeCheck(left, point_type) || !PyObject_TypeCheck(right, point_type))
        Py_RETURN_NOTIMPLEMENTED;
    PointObject *a = (PointObject *)left, *b = (PointObject *)right;
    return point_from(point_type, a->x + b->x, a->y + b->y);
}

static PyMethodDef point_methods[] = {
    {"norm2", point_norm2, METH_NOARGS, NULL},
    {NULL},
};

static PyGetSetDef point_getset[] = {
    {"x", point_get_x, NULL, NULL, NULL},
    {NULL},
};

static PyMemberDef point_members[] = {
    {"y", T_DOUBLE, offsetof(PointObject, y), READONLY, NULL},
    {NULL},
};

static PyType_Slot point_slots[] = {
    {Py_tp_new, point_new},
    {Py_tp_dealloc, point_dealloc},
    {Py_tp_methods, point_methods},
    {Py_tp_getset, point_getset},
    {Py_tp_members, point_members},
    {Py_sq_length, point_len},
    {Py_sq_item, point_item},
    {Py_nb_add, point_add},
    {0, NULL},
};

static PyType_Spec point_spec = {
    .name = "bench_capi.Point",
    .basicsize = sizeof(PointObject),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = point_slots,
};

/* ---- Array: a float array (the kernel) ---------------------------------- */

typedef struct {
    PyObject_HEAD
    double *data;
    Py_ssize_t len;
} ArrayObject;

static PyTypeObject *array_type;

static ArrayObject *array_alloc(PyTypeObject *type, Py_ssize_t len)
{
    double *data = len ? PyMem_Malloc(len * sizeof(double)) : NULL;
    if (len && data == NULL)
        return (ArrayObject *)PyErr_NoMemory();
    ArrayObject *array = (ArrayObject *)type->tp_alloc(type, 0);
    if (array == NULL) {
        PyMem_Free(data);
        return NULL;
    }
    array->data = data;
    array->len = len;
    return array;
}

static PyObject *array_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    PyObject *values;
    if (kw != NULL && PyDict_GET_SIZE(kw) != 0) {
        PyErr_SetString(PyExc_TypeError, "Array() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "O:Array", &values))
        return NULL;
    PyObject *seq = PySequence_Fast(values, "Array() needs a sequence");
    if (seq == NULL)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
    ArrayObject *array = array_alloc(type, len);
    if (array == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < len; i++) {
        double v = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (v == -1.0 && PyErr_Occurred())
            goto error;
        array->data[i] = v;
    }
    Py_DECREF(seq);
    return (PyObject *)array;
error:
    Py_XDECREF(array);
    Py_DECREF(seq);
    return NULL;
}

static void array_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    PyMem_Free(((ArrayObject *)self)->data);
    type->tp_free(self);
    Py_DECREF(type);
}

static Py_ssize_t array_len(PyObject *self)
{
    return ((ArrayObject *)self)->len;
}

static PyObject *array_sum(PyObject *self, PyObject *unused)
{
    ArrayObject *array = (ArrayObject *)self;
    double total = 0.0;
    for (Py_ssize_t i = 0; i < array->len; i++)
        total += array->data[i];
    return PyFloat_FromDouble(total);
}

static PyObject *array_add(PyObject *left, PyObject *right)
{
    if (!PyObject_TypeCheck(left, array_type) || !PyObject_TypeCheck(right, array_type))
        Py_RETURN_NOTIMPLEMENTED;
    ArrayObject *a = (ArrayObject *)left, *b = (ArrayObject *)right;
    if (a->len != b->len) {
        PyErr_SetString(PyExc_ValueError, "arrays of different lengths");
        return NULL;
    }
    ArrayObject *out = array_alloc(array_type, a->len);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < a->len; i++)
        out->data[i] = a->data[i] + b->data[i];
    return (PyObject *)out;
}

static PyMethodDef array_methods[] = {
    {"sum", array_sum, METH_NOARGS, NULL},
    {NULL},
};

static PyType_Slot array_slots[] = {
    {Py_tp_new, array_new},
    {Py_tp_dealloc, array_dealloc},
    {Py_tp_methods, array_methods},
    {Py_sq_length, array_len},
    {Py_nb_add, array_add},
    {0, NULL},
};

static PyType_Spec array_spec = {
    .name = "bench_capi.Array",
    .basicsize = sizeof(ArrayObject),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = array_slots,
};

/* ---- the module --------------------------------------------------------- */

static PyMethodDef module_methods[] = {
    {"noargs", noargs, METH_NOARGS, NULL},
    {"onearg", onearg, METH_O, NULL},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL},
    {"kwargs", (PyCFunction)(void (*)(void))kwargs, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"make_list", make_list, METH_NOARGS, NULL},
    {NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "bench_capi",
    .m_doc = "The benchmark operations in C with the CPython C API.",
    .m_size = -1,
    .m_methods = module_methods,
};

static int add_type(PyObject *module, PyType_Spec *spec, PyTypeObject **out)
{
    PyObject *type = PyType_FromSpec(spec);
    if (type == NULL)
        return -1;
    *out = (PyTypeObject *)type;
    return PyModule_AddObjectRef(module, strrchr(spec->name, '.') + 1, type);
}

PyMODINIT_FUNC PyInit_bench_capi(void)
{
    PyObject *module = PyModule_Create(&moduledef);
    if (module == NULL)
        return NULL;
    if (add_type(module, &point_spec, &point_type) < 0 || add_type(module, &array_spec, &array_type) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
