/* PyPy 7.3.19, debug mode: an HPy function called from inside another HPy
   call (through a Python callback) gets a context marked invalid, and its
   first HPy call aborts with "Wrong HPy Context!". CPython's debug mode
   gives nested calls a context of their own. */
#include "hpy.h"

HPyDef_METH(inner, "inner", HPyFunc_NOARGS)
static HPy inner_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, 1);
}

HPyDef_METH(outer, "outer", HPyFunc_O)
static HPy outer_impl(HPyContext *ctx, HPy self, HPy callback)
{
    /* `callback` calls `inner()`. */
    HPy result = HPy_CallTupleDict(ctx, callback, HPy_NULL, HPy_NULL);
    if (HPy_IsNull(result))
        return HPy_NULL;
    HPy_Close(ctx, result);
    return HPyLong_FromLong(ctx, 2);
}

static HPyDef *defines[] = { &inner, &outer, NULL };
static HPyModuleDef def = { .defines = defines };
HPy_MODINIT(nested_calls_in_debug_mode, def)
