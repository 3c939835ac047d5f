/* The benchmark operations written by hand in C against hpy.h (HPy 0.9),
 * built as a universal module (`bench_c_hpy.hpy0.so`) by setup.py.
 *
 * Every function mirrors one in ../rust_hpy, ../c_api and ../pyo3: same
 * Python signature, same result, same errors for bad input. */

#include <stdlib.h>
#include "hpy.h"

/* ---- functions ---------------------------------------------------------- */

HPyDef_METH(noargs, "noargs", HPyFunc_NOARGS)
static HPy noargs_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(onearg, "onearg", HPyFunc_O)
static HPy onearg_impl(HPyContext *ctx, HPy self, HPy arg)
{
    return HPy_Dup(ctx, arg);
}

HPyDef_METH(add, "add", HPyFunc_VARARGS)
static HPy add_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    long a, b;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "ll:add", &a, &b))
        return HPy_NULL;
    return HPyLong_FromLong(ctx, a + b);
}

HPyDef_METH(kwargs, "kwargs", HPyFunc_KEYWORDS)
static HPy kwargs_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs,
                       HPy kwnames)
{
    static const char *names[] = {"a", "b", "c", NULL};
    long a, b = 0, c = 0;
    if (!HPyArg_ParseKeywords(ctx, NULL, args, nargs, kwnames, "l|l$l:kwargs",
                              names, &a, &b, &c))
        return HPy_NULL;
    return HPyLong_FromLong(ctx, a + b + c);
}

HPyDef_METH(make_list, "make_list", HPyFunc_NOARGS)
static HPy make_list_impl(HPyContext *ctx, HPy self)
{
    HPyListBuilder builder = HPyListBuilder_New(ctx, 100);
    for (long i = 0; i < 100; i++) {
        HPy item = HPyLong_FromLong(ctx, i);
        if (HPy_IsNull(item)) {
            HPyListBuilder_Cancel(ctx, builder);
            return HPy_NULL;
        }
        HPyListBuilder_Set(ctx, builder, i, item);
        HPy_Close(ctx, item);
    }
    return HPyListBuilder_Build(ctx, builder);
}

/* ---- Point: a small object ---------------------------------------------- */

typedef struct {
    double x;
    double y;
} PointObject;

HPyType_HELPERS(PointObject)

static HPyGlobal point_type;

static HPy point_new_from(HPyContext *ctx, double x, double y)
{
    HPy type = HPyGlobal_Load(ctx, point_type);
    PointObject *point;
    HPy h = HPy_New(ctx, type, &point);
    HPy_Close(ctx, type);
    if (HPy_IsNull(h))
        return HPy_NULL;
    point->x = x;
    point->y = y;
    return h;
}

HPyDef_SLOT(point_new, HPy_tp_new)
static HPy point_new_impl(HPyContext *ctx, HPy cls, const HPy *args,
                          HPy_ssize_t nargs, HPy kw)
{
    double x, y;
    if (!HPy_IsNull(kw) && HPy_Length(ctx, kw) != 0) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "Point() takes no keyword arguments");
        return HPy_NULL;
    }
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "dd:Point", &x, &y))
        return HPy_NULL;
    PointObject *point;
    HPy h = HPy_New(ctx, cls, &point);
    if (HPy_IsNull(h))
        return HPy_NULL;
    point->x = x;
    point->y = y;
    return h;
}

HPyDef_METH(point_norm2, "norm2", HPyFunc_NOARGS)
static HPy point_norm2_impl(HPyContext *ctx, HPy self)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    return HPyFloat_FromDouble(ctx, p->x * p->x + p->y * p->y);
}

HPyDef_GET(point_x, "x")
static HPy point_x_get(HPyContext *ctx, HPy self, void *closure)
{
    return HPyFloat_FromDouble(ctx, PointObject_AsStruct(ctx, self)->x);
}

HPyDef_MEMBER(point_y, "y", HPyMember_DOUBLE, offsetof(PointObject, y), .readonly = 1)

HPyDef_SLOT(point_len, HPy_sq_length)
static HPy_ssize_t point_len_impl(HPyContext *ctx, HPy self)
{
    return 2;
}

HPyDef_SLOT(point_item, HPy_sq_item)
static HPy point_item_impl(HPyContext *ctx, HPy self, HPy_ssize_t i)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    if (i == 0)
        return HPyFloat_FromDouble(ctx, p->x);
    if (i == 1)
        return HPyFloat_FromDouble(ctx, p->y);
    HPyErr_SetString(ctx, ctx->h_IndexError, "Point index out of range");
    return HPy_NULL;
}

HPyDef_SLOT(point_add, HPy_nb_add)
static HPy point_add_impl(HPyContext *ctx, HPy left, HPy right)
{
    HPy type = HPyGlobal_Load(ctx, point_type);
    int both = HPy_TypeCheck(ctx, left, type) && HPy_TypeCheck(ctx, right, type);
    HPy_Close(ctx, type);
    if (!both)
        return HPy_Dup(ctx, ctx->h_NotImplemented);
    PointObject *a = PointObject_AsStruct(ctx, left);
    PointObject *b = PointObject_AsStruct(ctx, right);
    return point_new_from(ctx, a->x + b->x, a->y + b->y);
}

static HPyDef *point_defines[] = {
    &point_new, &point_norm2, &point_x, &point_y, &point_len, &point_item,
    &point_add, NULL,
};

static HPyType_Spec point_spec = {
    .name = "bench_c_hpy.Point",
    .basicsize = sizeof(PointObject),
    .builtin_shape = SHAPE(PointObject),
    .defines = point_defines,
};

/* ---- Array: a float array (the kernel) ---------------------------------- */

typedef struct {
    double *data;
    HPy_ssize_t len;
} ArrayObject;

HPyType_HELPERS(ArrayObject)

static HPyGlobal array_type;

/* A new array of `len` uninitialized elements, or HPy_NULL. */
static HPy array_alloc(HPyContext *ctx, HPy type, HPy_ssize_t len, ArrayObject **out)
{
    double *data = len ? malloc(len * sizeof(double)) : NULL;
    if (len && data == NULL)
        return HPyErr_NoMemory(ctx);
    HPy h = HPy_New(ctx, type, out);
    if (HPy_IsNull(h)) {
        free(data);
        return HPy_NULL;
    }
    (*out)->data = data;
    (*out)->len = len;
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
    HPy values;
    if (!HPy_IsNull(kw) && HPy_Length(ctx, kw) != 0) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "Array() takes no keyword arguments");
        return HPy_NULL;
    }
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "O:Array", &values))
        return HPy_NULL;
    HPy_ssize_t len = HPy_Length(ctx, values);
    if (len < 0)
        return HPy_NULL;
    ArrayObject *array;
    HPy h = array_alloc(ctx, cls, len, &array);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < len; i++) {
        HPy item = HPy_GetItem_i(ctx, values, i);
        if (HPy_IsNull(item))
            goto error;
        double v = HPyFloat_AsDouble(ctx, item);
        HPy_Close(ctx, item);
        if (v == -1.0 && HPyErr_Occurred(ctx))
            goto error;
        array->data[i] = v;
    }
    return h;
error:
    HPy_Close(ctx, h);
    return HPy_NULL;
}

HPyDef_SLOT(array_len, HPy_sq_length)
static HPy_ssize_t array_len_impl(HPyContext *ctx, HPy self)
{
    return ArrayObject_AsStruct(ctx, self)->len;
}

HPyDef_METH(array_sum, "sum", HPyFunc_NOARGS)
static HPy array_sum_impl(HPyContext *ctx, HPy self)
{
    ArrayObject *array = ArrayObject_AsStruct(ctx, self);
    double total = 0.0;
    for (HPy_ssize_t i = 0; i < array->len; i++)
        total += array->data[i];
    return HPyFloat_FromDouble(ctx, total);
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
    if (a->len != b->len) {
        HPy_Close(ctx, type);
        HPyErr_SetString(ctx, ctx->h_ValueError, "arrays of different lengths");
        return HPy_NULL;
    }
    ArrayObject *out;
    HPy h = array_alloc(ctx, type, a->len, &out);
    HPy_Close(ctx, type);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < a->len; i++)
        out->data[i] = a->data[i] + b->data[i];
    return h;
}

static HPyDef *array_defines[] = {
    &array_new, &array_destroy, &array_len, &array_sum, &array_add, NULL,
};

static HPyType_Spec array_spec = {
    .name = "bench_c_hpy.Array",
    .basicsize = sizeof(ArrayObject),
    .builtin_shape = SHAPE(ArrayObject),
    .defines = array_defines,
};

/* ---- the module --------------------------------------------------------- */

static int add_type(HPyContext *ctx, HPy module, const char *name,
                    HPyType_Spec *spec, HPyGlobal *global)
{
    if (!HPyHelpers_AddType(ctx, module, name, spec, NULL))
        return -1;
    HPy type = HPy_GetAttr_s(ctx, module, name);
    if (HPy_IsNull(type))
        return -1;
    HPyGlobal_Store(ctx, global, type);
    HPy_Close(ctx, type);
    return 0;
}

HPyDef_SLOT(module_exec, HPy_mod_exec)
static int module_exec_impl(HPyContext *ctx, HPy module)
{
    if (add_type(ctx, module, "Point", &point_spec, &point_type) < 0)
        return -1;
    return add_type(ctx, module, "Array", &array_spec, &array_type);
}

static HPyDef *module_defines[] = {
    &noargs, &onearg, &add, &kwargs, &make_list, &module_exec, NULL,
};

static HPyGlobal *module_globals[] = {&point_type, &array_type, NULL};

static HPyModuleDef moduledef = {
    .doc = "The benchmark operations in C with HPy.",
    .defines = module_defines,
    .globals = module_globals,
};

HPy_MODINIT(bench_c_hpy, moduledef)
