/* PyPy 7.3.19: the number slots of an HPy type become only the left-hand
   methods (`__pow__`, `__add__`, ...): `pow(3, T(), 5)` never reaches
   T's nb_power, where CPython calls it with the operands in order. (The
   `hpy` crate adds the two-operand reflected methods itself; Python's
   three-argument pow has no reflected form to add.) */
#include "hpy.h"

HPyDef_SLOT(T_power, HPy_nb_power)
static HPy T_power_impl(HPyContext *ctx, HPy a, HPy b, HPy modulo)
{
    return HPyLong_FromLong(ctx, 42);
}

static HPyDef *T_defines[] = { &T_power, NULL };
static HPyType_Spec T_spec = { .name = "three_argument_pow.T", .defines = T_defines };

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
HPy_MODINIT(three_argument_pow, def)
