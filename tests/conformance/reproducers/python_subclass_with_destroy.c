/* PyPy 7.3.19: an instance of a *Python* subclass of an HPy type that has
   tp_destroy aborts the interpreter when the garbage collector finalizes it
   (RPython AssertionError in W_HPyObject._finalize_, which expects the
   instance's type to be an HPy type). */
#include "hpy.h"

typedef struct { long value; } T;
HPyType_HELPERS(T)

HPyDef_SLOT(T_destroy, HPy_tp_destroy)
static void T_destroy_impl(void *data) { }

static HPyDef *T_defines[] = { &T_destroy, NULL };
static HPyType_Spec T_spec = {
    .name = "python_subclass_with_destroy.T",
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
HPy_MODINIT(python_subclass_with_destroy, def)
