/* GraalPy 24.2.2: an instance of a *Python* subclass of an HPy type has no
   payload: the type's AsStruct helper (_HPy_AsStruct_Object) answers NULL
   for it, so a method of the HPy type cannot reach its own struct. */
#include "hpy.h"

typedef struct { long value; } T;
HPyType_HELPERS(T)

HPyDef_METH(payload_is_reachable, "payload_is_reachable", HPyFunc_NOARGS)
static HPy payload_is_reachable_impl(HPyContext *ctx, HPy self)
{
    return HPyBool_FromLong(ctx, T_AsStruct(ctx, self) != NULL);
}

static HPyDef *T_defines[] = { &payload_is_reachable, NULL };
static HPyType_Spec T_spec = {
    .name = "python_subclass_payload.T",
    .basicsize = sizeof(T),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE,
    .defines = T_defines,
};

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

static HPyDef *defines[] = { &exec, NULL };
static HPyModuleDef def = { .defines = defines };
HPy_MODINIT(python_subclass_payload, def)
