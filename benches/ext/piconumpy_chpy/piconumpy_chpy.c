/* piconumpy's array written by hand in C against hpy.h (HPy 0.9), a
 * universal module: the C HPy twin of examples/piconumpy for the piconumpy
 * benchmark (benches/piconumpy_bench), to tell what HPy's universal ABI
 * costs from what the Rust crate adds.
 *
 * The same Python API and results as ../piconumpy_capi: `array` from a
 * sequence of numbers, `empty(n)`, `zeros(n)`, `size`, `tolist()`, `a[i]`
 * read and written (IndexError out of range), `len(a)`, `a + b`, `a * k`,
 * `k * a`, `a / k`; other operands answer NotImplemented. The elements live
 * in a buffer from malloc, freed by tp_destroy, as the Rust module's
 * `Box<[f64]>` is. */

#include <stdlib.h>
#include "hpy.h"

typedef struct {
    HPy_ssize_t size;
    double *data;
} ArrayObject;

HPyType_HELPERS(ArrayObject)

static HPyGlobal array_type;

/* A new array of `size` elements, not initialized, of type `type`. */
static HPy array_alloc(HPyContext *ctx, HPy type, HPy_ssize_t size, ArrayObject **out)
{
    if (size < 0) {
        HPyErr_SetString(ctx, ctx->h_ValueError, "negative dimensions are not allowed");
        return HPy_NULL;
    }
    if ((size_t)size > ((size_t)-1 >> 1) / sizeof(double))
        return HPyErr_NoMemory(ctx);
    double *data = malloc(size ? (size_t)size * sizeof(double) : 1);
    if (data == NULL)
        return HPyErr_NoMemory(ctx);
    HPy h = HPy_New(ctx, type, out);
    if (HPy_IsNull(h)) {
        free(data);
        return HPy_NULL;
    }
    (*out)->size = size;
    (*out)->data = data;
    return h;
}

/* The same, of the module's array type. */
static HPy array_new_of_size(HPyContext *ctx, HPy_ssize_t size, ArrayObject **out)
{
    HPy type = HPyGlobal_Load(ctx, array_type);
    HPy h = array_alloc(ctx, type, size, out);
    HPy_Close(ctx, type);
    return h;
}

HPyDef_SLOT(array_destroy, HPy_tp_destroy)
static void array_destroy_impl(void *obj)
{
    free(((ArrayObject *)obj)->data);
}

HPyDef_SLOT(array_new, HPy_tp_new)
static HPy array_new_impl(HPyContext *ctx, HPy cls, const HPy *args,
                          HPy_ssize_t nargs, HPy kw)
{
    if ((!HPy_IsNull(kw) && HPy_Length(ctx, kw) != 0) || nargs != 1) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "array() takes exactly one positional argument");
        return HPy_NULL;
    }
    HPy data = args[0];
    if (!HPyList_Check(ctx, data) && !HPyTuple_Check(ctx, data)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "array() argument 'data' must be a list or a tuple");
        return HPy_NULL;
    }
    HPy_ssize_t size = HPy_Length(ctx, data);
    if (size < 0)
        return HPy_NULL;
    ArrayObject *array;
    HPy h = array_alloc(ctx, cls, size, &array);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < size; i++) {
        HPy item = HPy_GetItem_i(ctx, data, i);
        if (HPy_IsNull(item))
            goto error;
        double value = HPyFloat_AsDouble(ctx, item);
        HPy_Close(ctx, item);
        if (value == -1.0 && HPyErr_Occurred(ctx))
            goto error;
        array->data[i] = value;
    }
    return h;
error:
    HPy_Close(ctx, h);
    return HPy_NULL;
}

HPyDef_MEMBER(array_size, "size", HPyMember_HPYSSIZET, offsetof(ArrayObject, size), .readonly = 1)

HPyDef_METH(array_tolist, "tolist", HPyFunc_NOARGS)
static HPy array_tolist_impl(HPyContext *ctx, HPy self)
{
    ArrayObject *array = ArrayObject_AsStruct(ctx, self);
    HPyListBuilder builder = HPyListBuilder_New(ctx, array->size);
    for (HPy_ssize_t i = 0; i < array->size; i++) {
        HPy value = HPyFloat_FromDouble(ctx, array->data[i]);
        if (HPy_IsNull(value)) {
            HPyListBuilder_Cancel(ctx, builder);
            return HPy_NULL;
        }
        HPyListBuilder_Set(ctx, builder, i, value);
        HPy_Close(ctx, value);
    }
    return HPyListBuilder_Build(ctx, builder);
}

HPyDef_SLOT(array_length, HPy_sq_length)
static HPy_ssize_t array_length_impl(HPyContext *ctx, HPy self)
{
    return ArrayObject_AsStruct(ctx, self)->size;
}

HPyDef_SLOT(array_item, HPy_sq_item)
static HPy array_item_impl(HPyContext *ctx, HPy self, HPy_ssize_t index)
{
    ArrayObject *array = ArrayObject_AsStruct(ctx, self);
    if (index < 0 || index >= array->size) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "array index out of range");
        return HPy_NULL;
    }
    return HPyFloat_FromDouble(ctx, array->data[index]);
}

HPyDef_SLOT(array_ass_item, HPy_sq_ass_item)
static int array_ass_item_impl(HPyContext *ctx, HPy self, HPy_ssize_t index, HPy value)
{
    ArrayObject *array = ArrayObject_AsStruct(ctx, self);
    if (HPy_IsNull(value)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "array doesn't support item deletion");
        return -1;
    }
    if (index < 0 || index >= array->size) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "array index out of range");
        return -1;
    }
    double number = HPyFloat_AsDouble(ctx, value);
    if (number == -1.0 && HPyErr_Occurred(ctx))
        return -1;
    array->data[index] = number;
    return 0;
}

/* `obj` as a double: 0 on success, 1 if it is not a number (no error
 * set), -1 on another error. */
static int as_number(HPyContext *ctx, HPy obj, double *out)
{
    *out = HPyFloat_AsDouble(ctx, obj);
    if (*out == -1.0 && HPyErr_Occurred(ctx)) {
        if (HPyErr_ExceptionMatches(ctx, ctx->h_TypeError)) {
            HPyErr_Clear(ctx);
            return 1;
        }
        return -1;
    }
    return 0;
}

HPyDef_SLOT(array_add, HPy_nb_add)
static HPy array_add_impl(HPyContext *ctx, HPy left, HPy right)
{
    HPy type = HPyGlobal_Load(ctx, array_type);
    if (!HPy_TypeCheck(ctx, left, type) || !HPy_TypeCheck(ctx, right, type)) {
        HPy_Close(ctx, type);
        return HPy_Dup(ctx, ctx->h_NotImplemented);
    }
    ArrayObject *a = ArrayObject_AsStruct(ctx, left);
    ArrayObject *b = ArrayObject_AsStruct(ctx, right);
    if (a->size != b->size) {
        HPy_Close(ctx, type);
        HPyErr_SetString(ctx, ctx->h_ValueError, "operands could not be broadcast together");
        return HPy_NULL;
    }
    ArrayObject *result;
    HPy h = array_alloc(ctx, type, a->size, &result);
    HPy_Close(ctx, type);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < a->size; i++)
        result->data[i] = a->data[i] + b->data[i];
    return h;
}

/* `a * k` and `k * a`: the slot is called for both orders. */
HPyDef_SLOT(array_multiply, HPy_nb_multiply)
static HPy array_multiply_impl(HPyContext *ctx, HPy left, HPy right)
{
    HPy type = HPyGlobal_Load(ctx, array_type);
    int array_left = HPy_TypeCheck(ctx, left, type);
    double k;
    int status = as_number(ctx, array_left ? right : left, &k);
    if (status != 0) {
        HPy_Close(ctx, type);
        return status < 0 ? HPy_NULL : HPy_Dup(ctx, ctx->h_NotImplemented);
    }
    ArrayObject *a = ArrayObject_AsStruct(ctx, array_left ? left : right);
    ArrayObject *result;
    HPy h = array_alloc(ctx, type, a->size, &result);
    HPy_Close(ctx, type);
    if (HPy_IsNull(h))
        return HPy_NULL;
    if (array_left) {
        for (HPy_ssize_t i = 0; i < a->size; i++)
            result->data[i] = a->data[i] * k;
    }
    else {
        for (HPy_ssize_t i = 0; i < a->size; i++)
            result->data[i] = k * a->data[i];
    }
    return h;
}

/* `k * a` on PyPy 7.3.19, which turns number slots into `__mul__` only
 * (docs/runtimes.md); CPython calls the slot for both orders and never
 * this method. */
HPyDef_METH(array_rmul, "__rmul__", HPyFunc_O)
static HPy array_rmul_impl(HPyContext *ctx, HPy self, HPy other)
{
    return array_multiply_impl(ctx, other, self);
}

HPyDef_SLOT(array_true_divide, HPy_nb_true_divide)
static HPy array_true_divide_impl(HPyContext *ctx, HPy left, HPy right)
{
    HPy type = HPyGlobal_Load(ctx, array_type);
    double k;
    int status = HPy_TypeCheck(ctx, left, type) ? as_number(ctx, right, &k) : 1;
    if (status != 0) {
        HPy_Close(ctx, type);
        return status < 0 ? HPy_NULL : HPy_Dup(ctx, ctx->h_NotImplemented);
    }
    if (k == 0.0) {
        HPy_Close(ctx, type);
        HPyErr_SetString(ctx, ctx->h_ZeroDivisionError, "division by zero");
        return HPy_NULL;
    }
    ArrayObject *a = ArrayObject_AsStruct(ctx, left);
    ArrayObject *result;
    HPy h = array_alloc(ctx, type, a->size, &result);
    HPy_Close(ctx, type);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < a->size; i++)
        result->data[i] = a->data[i] / k;
    return h;
}

static HPyDef *array_defines[] = {
    &array_new, &array_destroy, &array_size, &array_tolist, &array_length,
    &array_item, &array_ass_item, &array_add, &array_multiply, &array_rmul, &array_true_divide,
    NULL,
};

static HPyType_Spec array_spec = {
    .name = "piconumpy_chpy.array",
    .doc = "A one-dimensional array of floats.",
    .basicsize = sizeof(ArrayObject),
    .builtin_shape = SHAPE(ArrayObject),
    .defines = array_defines,
};

/* `empty(n)` and `zeros(n)`: both zero the elements, as the Rust module
 * does. */
HPyDef_METH(zeros, "zeros", HPyFunc_O, .doc = "An array of `size` zeros.")
static HPy zeros_impl(HPyContext *ctx, HPy module, HPy arg)
{
    HPy_ssize_t size = HPyLong_AsSsize_t(ctx, arg);
    if (size == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    ArrayObject *array;
    HPy h = array_new_of_size(ctx, size, &array);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < size; i++)
        array->data[i] = 0.0;
    return h;
}

HPyDef_METH(empty, "empty", HPyFunc_O, .doc = "An array of `size` elements.")
static HPy empty_impl(HPyContext *ctx, HPy module, HPy arg)
{
    return zeros_impl(ctx, module, arg);
}

HPyDef_SLOT(module_exec, HPy_mod_exec)
static int module_exec_impl(HPyContext *ctx, HPy module)
{
    if (!HPyHelpers_AddType(ctx, module, "array", &array_spec, NULL))
        return -1;
    HPy type = HPy_GetAttr_s(ctx, module, "array");
    if (HPy_IsNull(type))
        return -1;
    HPyGlobal_Store(ctx, &array_type, type);
    HPy_Close(ctx, type);
    return 0;
}

static HPyDef *module_defines[] = {&zeros, &empty, &module_exec, NULL};

static HPyGlobal *module_globals[] = {&array_type, NULL};

static HPyModuleDef moduledef = {
    .doc = "piconumpy's array in C with HPy.",
    .defines = module_defines,
    .globals = module_globals,
};

HPy_MODINIT(piconumpy_chpy, moduledef)
