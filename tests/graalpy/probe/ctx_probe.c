/*
 * A universal HPy module that reports what the running interpreter put in
 * its HPyContext, read through the hpy 0.9.0 layout it is compiled against.
 *
 *   ctx_probe.layout() -> dict: name, abi_version, and for a few member IDs
 *       the raw word and the shared object it points into (/proc/self/maps), so a
 *       handle (no object) is told apart from a function (an object).
 *   ctx_probe.calls()  -> list of (function, ok, detail) after calling each
 *       of the 19 members with 0.9.0 IDs 244-262 that is safe to call here,
 *       but only if layout() says ID 244 holds a function.
 *
 * Build: cc -shared -fPIC -DHPY_ABI_UNIVERSAL -I<hpy 0.9.0 include> ...
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "hpy.h"

#define CTX_WORD(ctx, id) (((void *const *)((const char *)(ctx) + 24))[(id)])

/* The file name of the executable mapping that holds p, or NULL when p is
 * not in executable memory (a handle, a data pointer, NULL). */
static const char *object_of(void *p)
{
    static char name[256];
    unsigned long long a = (unsigned long long)(size_t)p, lo, hi;
    char perms[8], line[512];
    const char *found = NULL;
    FILE *maps = fopen("/proc/self/maps", "r");
    if (maps == NULL || p == NULL) {
        if (maps) fclose(maps);
        return NULL;
    }
    while (fgets(line, sizeof line, maps)) {
        int path_at = 0;
        if (sscanf(line, "%llx-%llx %7s %*s %*s %*s %n", &lo, &hi, perms, &path_at) < 3)
            continue;
        if (a < lo || a >= hi)
            continue;
        if (perms[2] == 'x') {
            char *path = path_at ? line + path_at : line + strlen(line);
            path[strcspn(path, "\n")] = 0;
            const char *slash = strrchr(path, '/');
            snprintf(name, sizeof name, "%s", *path ? (slash ? slash + 1 : path) : "[anonymous]");
            found = name;
        }
        break;
    }
    fclose(maps);
    return found;
}

static int set_str(HPyContext *ctx, HPy dict, const char *key, const char *value)
{
    HPy v = value ? HPyUnicode_FromString(ctx, value) : HPy_Dup(ctx, ctx->h_None);
    if (HPy_IsNull(v))
        return -1;
    int r = HPy_SetItem_s(ctx, dict, key, v);
    HPy_Close(ctx, v);
    return r;
}

static int set_long(HPyContext *ctx, HPy dict, const char *key, long long value)
{
    HPy v = HPyLong_FromInt64_t(ctx, value);
    if (HPy_IsNull(v))
        return -1;
    int r = HPy_SetItem_s(ctx, dict, key, v);
    HPy_Close(ctx, v);
    return r;
}

static const int probed_ids[] = {0, 76, 77, 237, 238, 242, 243, 244, 245, 252, 253, 261, 262};

HPyDef_METH(layout, "layout", HPyFunc_NOARGS)
static HPy layout_impl(HPyContext *ctx, HPy self)
{
    HPy d = HPyDict_New(ctx);
    if (HPy_IsNull(d))
        return HPy_NULL;
    char key[32], val[160];
    if (set_str(ctx, d, "name", ctx->name) < 0 ||
        set_long(ctx, d, "abi_version", ctx->abi_version) < 0 ||
        set_long(ctx, d, "sizeof_0_9_0", (long long)sizeof(HPyContext)) < 0)
        goto fail;
    for (size_t i = 0; i < sizeof(probed_ids) / sizeof(probed_ids[0]); i++) {
        int id = probed_ids[i];
        void *w = CTX_WORD(ctx, id);
        const char *obj = object_of(w);
        snprintf(key, sizeof key, "id%d", id);
        snprintf(val, sizeof val, "%s 0x%llx%s%s", obj ? "function" : "handle?",
                 (unsigned long long)(size_t)w, obj ? " in " : "", obj ? obj : "");
        if (set_str(ctx, d, key, val) < 0)
            goto fail;
    }
    /* cross-check the macro against the named members */
    if (set_long(ctx, d, "named_ok",
                 (void *)ctx->ctx_Capsule_New == CTX_WORD(ctx, 244) &&
                 (void *)ctx->ctx_CallMethod == CTX_WORD(ctx, 262) &&
                 ctx->h_Builtins._i == (HPy_ssize_t)(size_t)CTX_WORD(ctx, 243)) < 0)
        goto fail;
    return d;
fail:
    HPy_Close(ctx, d);
    return HPy_NULL;
}

static int add(HPyContext *ctx, HPy list, const char *fn, int ok, const char *detail)
{
    HPy item[3];
    item[0] = HPyUnicode_FromString(ctx, fn);
    item[1] = HPyBool_FromBool(ctx, ok);
    item[2] = HPyUnicode_FromString(ctx, detail);
    HPy t = HPyTuple_FromArray(ctx, item, 3);
    for (int i = 0; i < 3; i++)
        HPy_Close(ctx, item[i]);
    if (HPy_IsNull(t))
        return -1;
    int r = HPyList_Append(ctx, list, t);
    HPy_Close(ctx, t);
    return r;
}

/* repr of h as a C string in buf (empty on error, error cleared) */
static const char *show(HPyContext *ctx, HPy h, char *buf, size_t n)
{
    buf[0] = 0;
    if (HPy_IsNull(h)) {
        HPyErr_Clear(ctx);
        snprintf(buf, n, "<NULL>");
        return buf;
    }
    HPy r = HPy_Repr(ctx, h);
    if (HPy_IsNull(r)) {
        HPyErr_Clear(ctx);
        return buf;
    }
    HPy_ssize_t len;
    const char *s = HPyUnicode_AsUTF8AndSize(ctx, r, &len);
    if (s)
        snprintf(buf, n, "%s", s);
    else
        HPyErr_Clear(ctx);
    HPy_Close(ctx, r);
    return buf;
}

static int check(HPyContext *ctx, HPy list, const char *fn, HPy got, const char *want)
{
    char buf[200];
    show(ctx, got, buf, sizeof buf);
    int ok = strcmp(buf, want) == 0;
    HPy_Close(ctx, got);
    return add(ctx, list, fn, ok, buf);
}

static int cap_value = 42;

/* h_Builtins is the builtins dict on CPython; accept a module too */
static HPy builtin(HPyContext *ctx, const char *name)
{
    HPy h = HPy_GetItem_s(ctx, ctx->h_Builtins, name);
    if (HPy_IsNull(h)) {
        HPyErr_Clear(ctx);
        h = HPy_GetAttr_s(ctx, ctx->h_Builtins, name);
    }
    return h;
}

HPyDef_METH(calls, "calls", HPyFunc_NOARGS)
static HPy calls_impl(HPyContext *ctx, HPy self)
{
    HPy list = HPyList_New(ctx, 0);
    char buf[200];
    if (HPy_IsNull(list))
        return HPy_NULL;
    if (object_of(CTX_WORD(ctx, 244)) == NULL) {
        add(ctx, list, "ctx_Capsule_New", 0, "ID 244 is not a function: not calling IDs 244-262");
        return list;
    }
    HPy s = HPyUnicode_FromString(ctx, "hello");
    HPy len = builtin(ctx, "len");

    /* 244-247 capsules */
    HPy cap = HPyCapsule_New(ctx, &cap_value, "probe.cap", NULL);
    add(ctx, list, "ctx_Capsule_New", !HPy_IsNull(cap), show(ctx, cap, buf, sizeof buf));
    int *p = HPyCapsule_GetPointer(ctx, cap, "probe.cap");
    add(ctx, list, "ctx_Capsule_Get", p == &cap_value, p == &cap_value ? "pointer back" : "wrong pointer");
    if (!p) HPyErr_Clear(ctx);
    int valid = HPyCapsule_IsValid(ctx, cap, "probe.cap");
    add(ctx, list, "ctx_Capsule_IsValid", valid == 1, valid == 1 ? "1" : "not 1");
    int set = HPyCapsule_SetContext(ctx, cap, &cap_value);
    void *back = HPyCapsule_GetContext(ctx, cap);
    add(ctx, list, "ctx_Capsule_Set", set == 0 && back == &cap_value, set == 0 ? "context set" : "failed");
    if (set != 0 || back == NULL) HPyErr_Clear(ctx);
    HPy_Close(ctx, cap);

    /* 248-249 compile and eval */
    HPy code = HPy_Compile_s(ctx, "6 * 7", "<probe>", HPy_SourceKind_Expr);
    HPy globals = HPyDict_New(ctx);
    HPy evald = HPy_IsNull(code) ? HPy_NULL : HPy_EvalCode(ctx, code, globals, globals);
    check(ctx, list, "ctx_Compile_s+ctx_EvalCode", evald, "42");
    HPy_Close(ctx, code);
    HPy_Close(ctx, globals);

    /* 250-252 context variables */
    HPy var = HPyContextVar_New(ctx, "probe_var", HPy_NULL);
    HPy token = HPy_IsNull(var) ? HPy_NULL : HPyContextVar_Set(ctx, var, s);
    HPy got = HPy_NULL;
    int g = HPy_IsNull(token) ? -1 : HPyContextVar_Get(ctx, var, HPy_NULL, &got);
    add(ctx, list, "ctx_ContextVar_New/Set/Get", g == 0 && !HPy_IsNull(got),
        show(ctx, got, buf, sizeof buf));
    if (g < 0) HPyErr_Clear(ctx);
    HPy_Close(ctx, got);
    HPy_Close(ctx, token);
    HPy_Close(ctx, var);

    /* 253-254 types */
    const char *tn = HPyType_GetName(ctx, ctx->h_LongType);
    add(ctx, list, "ctx_Type_GetName", tn && strcmp(tn, "int") == 0, tn ? tn : "<NULL>");
    if (!tn) HPyErr_Clear(ctx);
    int sub = HPyType_IsSubtype(ctx, ctx->h_BoolType, ctx->h_LongType);
    add(ctx, list, "ctx_Type_IsSubtype", sub == 1, sub == 1 ? "bool <: int" : "no");

    /* 255-256 unicode */
    HPy b = HPyBytes_FromString(ctx, "abc");
    check(ctx, list, "ctx_Unicode_FromEncodedObject", HPyUnicode_FromEncodedObject(ctx, b, "ascii", "strict"), "'abc'");
    HPy_Close(ctx, b);
    check(ctx, list, "ctx_Unicode_Substring", HPyUnicode_Substring(ctx, s, 1, 3), "'el'");

    /* 257-258 dicts */
    HPy d = HPyDict_New(ctx);
    HPy_SetItem_s(ctx, d, "k", s);
    check(ctx, list, "ctx_Dict_Keys", HPyDict_Keys(ctx, d), "['k']");
    check(ctx, list, "ctx_Dict_Copy", HPyDict_Copy(ctx, d), "{'k': 'hello'}");
    HPy_Close(ctx, d);

    /* 259 slices */
    HPy slice_t = builtin(ctx, "slice");
    HPy args3[3] = {HPyLong_FromInt64_t(ctx, 1), HPyLong_FromInt64_t(ctx, 9), HPyLong_FromInt64_t(ctx, 2)};
    HPy sl = HPy_IsNull(slice_t) ? HPy_NULL : HPy_Call(ctx, slice_t, args3, 3, HPy_NULL);
    HPy_ssize_t start = 0, stop = 0, step = 0;
    int u = HPy_IsNull(sl) ? -1 : HPySlice_Unpack(ctx, sl, &start, &stop, &step);
    snprintf(buf, sizeof buf, "%d %zd %zd %zd", u, (size_t)start, (size_t)stop, (size_t)step);
    add(ctx, list, "ctx_Slice_Unpack", u == 0 && start == 1 && stop == 9 && step == 2, buf);
    if (u < 0) HPyErr_Clear(ctx);
    for (int i = 0; i < 3; i++)
        HPy_Close(ctx, args3[i]);
    HPy_Close(ctx, sl);
    HPy_Close(ctx, slice_t);

    /* 261-262 calls */
    check(ctx, list, "ctx_Call", HPy_IsNull(len) ? HPy_NULL : HPy_Call(ctx, len, &s, 1, HPy_NULL), "5");
    HPy upper = HPyUnicode_FromString(ctx, "upper");
    check(ctx, list, "ctx_CallMethod", HPy_CallMethod(ctx, upper, &s, 1, HPy_NULL), "'HELLO'");
    HPy_Close(ctx, upper);

    HPy_Close(ctx, len);
    HPy_Close(ctx, s);
    return list;
}

static HPyDef *module_defines[] = {&layout, &calls, NULL};

static HPyModuleDef moduledef = {
    .doc = "HPyContext probe",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(ctx_probe, moduledef)
