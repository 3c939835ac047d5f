/* PyPy 7.3.19: `inspect.signature` of an HPy function gives `(*args,
   **keywords)`: PyPy's `inspect` does not treat HPy functions as builtins,
   so it never reads their `__text_signature__` (which PyPy does set). */
#include "hpy.h"

HPyDef_METH(add, "add", HPyFunc_VARARGS, .doc = "add($module, a, b, /)\n--\n\nAdds.")
static HPy add_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    return HPy_Add(ctx, args[0], args[1]);
}

static HPyDef *defines[] = { &add, NULL };
static HPyModuleDef def = { .defines = defines };
HPy_MODINIT(text_signature, def)
