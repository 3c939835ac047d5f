/* piconumpy's array written with the CPython C API: the C twin of
 * examples/piconumpy for the piconumpy benchmark (benches/piconumpy_bench).
 *
 * The same behaviour as the Rust module on the benchmark's paths: `array`
 * from a sequence of numbers, `empty(n)` and `zeros(n)`, `size`, `tolist()`,
 * `a[i]` read and written (IndexError out of range), `len(a)`, `a + b`,
 * `a * k`, `k * a` and `a / k`; any other operand answers NotImplemented.
 * Written the way the C API suggests: a heap type from PyType_FromSpec, the
 * sequence slots (CPython adds len() to negative indices before calling
 * them), a plain member for `size`, and the elements in a buffer from
 * malloc, as the Rust module keeps them in a `Box<[f64]>`. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stdlib.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t size;
    double *data;
} Array;

/* The type, created when the module is initialized (one interpreter). */
static PyTypeObject *array_type;

#define IS_ARRAY(o) (Py_TYPE(o) == array_type)

/* A new array of `size` elements, not initialized. */
static Array *
array_alloc(Py_ssize_t size)
{
    if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "negative dimensions are not allowed");
        return NULL;
    }
    if ((size_t)size > PY_SSIZE_T_MAX / sizeof(double)) {
        PyErr_NoMemory();
        return NULL;
    }
    double *data = malloc(size ? (size_t)size * sizeof(double) : 1);
    if (data == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Array *self = (Array *)array_type->tp_alloc(array_type, 0);
    if (self == NULL) {
        free(data);
        return NULL;
    }
    self->size = size;
    self->data = data;
    return self;
}

static void
array_dealloc(Array *self)
{
    PyTypeObject *type = Py_TYPE(self);
    free(self->data);
    type->tp_free((PyObject *)self);
    Py_DECREF(type);
}

static PyObject *
array_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *data;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "array() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_UnpackTuple(args, "array", 1, 1, &data)) {
        return NULL;
    }
    PyObject *items = PySequence_Fast(data, "array() argument 'data' must be a sequence");
    if (items == NULL) {
        return NULL;
    }
    Py_ssize_t size = PySequence_Fast_GET_SIZE(items);
    PyObject **item = PySequence_Fast_ITEMS(items);
    Array *self = array_alloc(size);
    if (self == NULL) {
        Py_DECREF(items);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        double value = PyFloat_AsDouble(item[i]);
        if (value == -1.0 && PyErr_Occurred()) {
            Py_DECREF(items);
            Py_DECREF(self);
            return NULL;
        }
        self->data[i] = value;
    }
    Py_DECREF(items);
    return (PyObject *)self;
}

static PyObject *
array_tolist(Array *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *list = PyList_New(self->size);
    if (list == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < self->size; i++) {
        PyObject *value = PyFloat_FromDouble(self->data[i]);
        if (value == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, value);
    }
    return list;
}

static Py_ssize_t
array_length(Array *self)
{
    return self->size;
}

static PyObject *
array_item(Array *self, Py_ssize_t index)
{
    if (index < 0 || index >= self->size) {
        PyErr_SetString(PyExc_IndexError, "array index out of range");
        return NULL;
    }
    return PyFloat_FromDouble(self->data[index]);
}

static int
array_ass_item(Array *self, Py_ssize_t index, PyObject *value)
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "array doesn't support item deletion");
        return -1;
    }
    if (index < 0 || index >= self->size) {
        PyErr_SetString(PyExc_IndexError, "array index out of range");
        return -1;
    }
    double number = PyFloat_AsDouble(value);
    if (number == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    self->data[index] = number;
    return 0;
}

/* `obj` as a double: 0 on success, 1 if it is not a number (no error
 * set), -1 on another error. */
static int
as_number(PyObject *obj, double *out)
{
    *out = PyFloat_AsDouble(obj);
    if (*out == -1.0 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            return 1;
        }
        return -1;
    }
    return 0;
}

static PyObject *
array_add(PyObject *left, PyObject *right)
{
    if (!IS_ARRAY(left) || !IS_ARRAY(right)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Array *a = (Array *)left, *b = (Array *)right;
    if (a->size != b->size) {
        PyErr_Format(PyExc_ValueError,
                     "operands could not be broadcast together with sizes %zd and %zd",
                     a->size, b->size);
        return NULL;
    }
    Array *result = array_alloc(a->size);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < a->size; i++) {
        result->data[i] = a->data[i] + b->data[i];
    }
    return (PyObject *)result;
}

/* `a * k` and `k * a`: CPython calls this slot for both orders. */
static PyObject *
array_multiply(PyObject *left, PyObject *right)
{
    int array_left = IS_ARRAY(left);
    Array *a = (Array *)(array_left ? left : right);
    double k;
    int status = as_number(array_left ? right : left, &k);
    if (status != 0) {
        if (status < 0) {
            return NULL;
        }
        Py_RETURN_NOTIMPLEMENTED;
    }
    Array *result = array_alloc(a->size);
    if (result == NULL) {
        return NULL;
    }
    if (array_left) {
        for (Py_ssize_t i = 0; i < a->size; i++) {
            result->data[i] = a->data[i] * k;
        }
    }
    else {
        for (Py_ssize_t i = 0; i < a->size; i++) {
            result->data[i] = k * a->data[i];
        }
    }
    return (PyObject *)result;
}

static PyObject *
array_true_divide(PyObject *left, PyObject *right)
{
    double k;
    if (!IS_ARRAY(left)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int status = as_number(right, &k);
    if (status != 0) {
        if (status < 0) {
            return NULL;
        }
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (k == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
        return NULL;
    }
    Array *a = (Array *)left;
    Array *result = array_alloc(a->size);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < a->size; i++) {
        result->data[i] = a->data[i] / k;
    }
    return (PyObject *)result;
}

static PyMemberDef array_members[] = {
    {"size", T_PYSSIZET, offsetof(Array, size), READONLY, "The number of elements."},
    {NULL},
};

static PyMethodDef array_methods[] = {
    {"tolist", (PyCFunction)array_tolist, METH_NOARGS, "The elements, as a list of floats."},
    {NULL},
};

static PyType_Slot array_slots[] = {
    {Py_tp_doc, "A one-dimensional array of floats."},
    {Py_tp_new, array_new},
    {Py_tp_dealloc, array_dealloc},
    {Py_tp_members, array_members},
    {Py_tp_methods, array_methods},
    {Py_sq_length, array_length},
    {Py_sq_item, array_item},
    {Py_sq_ass_item, array_ass_item},
    {Py_nb_add, array_add},
    {Py_nb_multiply, array_multiply},
    {Py_nb_true_divide, array_true_divide},
    {0, NULL},
};

static PyType_Spec array_spec = {
    .name = "piconumpy_capi.array",
    .basicsize = sizeof(Array),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = array_slots,
};

/* `empty(n)` and `zeros(n)`: both zero the elements, as the Rust module
 * does (safe Rust hands out no uninitialized memory). */
static PyObject *
zeros(PyObject *module, PyObject *arg)
{
    Py_ssize_t size = PyLong_AsSsize_t(arg);
    if (size == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Array *result = array_alloc(size);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        result->data[i] = 0.0;
    }
    return (PyObject *)result;
}

static PyMethodDef module_methods[] = {
    {"empty", zeros, METH_O, "An array of `size` elements."},
    {"zeros", zeros, METH_O, "An array of `size` zeros."},
    {NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "piconumpy_capi",
    .m_doc = "piconumpy's array with the CPython C API.",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit_piconumpy_capi(void)
{
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) {
        return NULL;
    }
    array_type = (PyTypeObject *)PyType_FromSpec(&array_spec);
    if (array_type == NULL) {
        Py_DECREF(module);
        return NULL;
    }
    Py_INCREF(array_type);
    if (PyModule_AddObject(module, "array", (PyObject *)array_type) < 0) {
        Py_DECREF(array_type);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
