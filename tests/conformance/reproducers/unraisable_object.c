/* PyPy 7.3.19: HPyErr_WriteUnraisable(ctx, obj) passes None as the object to
   sys.unraisablehook (it only names `obj` in the message), where CPython
   passes `obj`. */
#include "hpy.h"

HPyDef_METH(report, "report", HPyFunc_O)
static HPy report_impl(HPyContext *ctx, HPy self, HPy obj)
{
    HPyErr_SetString(ctx, ctx->h_ValueError, "cannot propagate");
    HPyErr_WriteUnraisable(ctx, obj);
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *defines[] = { &report, NULL };
static HPyModuleDef def = { .defines = defines };
HPy_MODINIT(unraisable_object, def)
