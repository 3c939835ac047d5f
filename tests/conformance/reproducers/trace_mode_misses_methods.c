/* PyPy 7.3.19, trace mode: the methods (and slots) of an HPy type are called
   with the universal context, not the trace context, so trace mode sees
   none of their HPy calls. Module functions get the trace context. */
#include "hpy.h"

HPyDef_METH(context_name, "context_name", HPyFunc_NOARGS)
static HPy context_name_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromString(ctx, ctx->name);
}

static HPyDef *T_defines[] = { &context_name, NULL };
static HPyType_Spec T_spec = { .name = "trace_mode_misses_methods.T", .defines = T_defines };

HPyDef_SLOT(exec, HPy_mod_exec)
static int exec_impl(HPyContext *ctx, HPy module)
{
    HPy type = HPyType_FromSpec(ctx, &T_spec, NULL);
    if (HPy_IsNull(type))
        return -1;
    int result = HPy_SetAttr_s(ctx, module, "T", type);
    HPy_Close(ctx, type);
    return result;
}

static HPyDef *defines[] = { &context_name, &exec, NULL };
static HPyModuleDef def = { .defines = defines };
HPy_MODINIT(trace_mode_misses_methods, def)
