/* PyPy 7.3.19: _HPyType_GetBuiltinShape answers 0 (HPyType_BuiltinShape_Object)
   for a type HPy did not make, such as `int`; CPython's HPy answers -1
   (HPyType_BuiltinShape_Legacy). */
#include "hpy.h"

HPyDef_METH(shape, "shape", HPyFunc_O)
static HPy shape_impl(HPyContext *ctx, HPy self, HPy type)
{
    return HPyLong_FromLong(ctx, (long)_HPyType_GetBuiltinShape(ctx, type));
}

static HPyDef *defines[] = { &shape, NULL };
static HPyModuleDef def = { .defines = defines };
HPy_MODINIT(builtin_shape_of_other_types, def)
