/* PyPy 7.3.19: _HPy_AsStruct_Long, _Float, _Unicode, _Tuple and _List are not
   implemented ("oops! calling the slot ... which is not implemented", then a
   garbage pointer or a crash), so the payload of a type built on int, float,
   str, tuple or list cannot be reached. */
#include "hpy.h"

typedef struct { double unit; } Celsius;
HPyType_HELPERS(Celsius, HPyType_BuiltinShape_Float)

HPyDef_METH(payload_is_reachable, "payload_is_reachable", HPyFunc_NOARGS)
static HPy payload_is_reachable_impl(HPyContext *ctx, HPy self)
{
    Celsius *data = Celsius_AsStruct(ctx, self);
    return HPyBool_FromLong(ctx, data != NULL && data->unit == 0.0);
}

static HPyDef *Celsius_defines[] = { &payload_is_reachable, NULL };
static HPyType_Spec Celsius_spec = {
    .name = "builtin_shape_payload.Celsius",
    .basicsize = sizeof(Celsius),
    .builtin_shape = HPyType_BuiltinShape_Float,
    .defines = Celsius_defines,
};

HPyDef_SLOT(exec, HPy_mod_exec)
static int exec_impl(HPyContext *ctx, HPy module)
{
    HPyType_SpecParam params[] = { { HPyType_SpecParam_Base, ctx->h_FloatType }, { 0 } };
    HPy type = HPyType_FromSpec(ctx, &Celsius_spec, params);
    if (HPy_IsNull(type))
        return -1;
    int result = HPy_SetAttr_s(ctx, module, "Celsius", type);
    HPy_Close(ctx, type);
    return result;
}

static HPyDef *defines[] = { &exec, NULL };
static HPyModuleDef def = { .defines = defines };
HPy_MODINIT(builtin_shape_payload, def)
