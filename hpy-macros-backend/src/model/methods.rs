//! [`MethodsBlock`]: what a `#[hpy_methods]` block defines, item by item —
//! each method's [`Callable`] computed once, with its role; getters and
//! setters paired by Python name into [`GetSet`]s; the constructor in both
//! its forms.

use super::callable::{Callable, Place, analyze};
use super::slot_table::{SlotInfo, SlotKind, find};
use crate::errors::Errors;
use crate::parse::{RoleAttr, take_method_attrs};
use syn::spanned::Spanned;
use syn::{Ident, ImplItem, ItemImpl, Type};

/// One item of the block.
pub enum Member {
    /// A method definition on the type.
    Method(Callable),
    /// A static method: a module function moved onto the type.
    StaticMethod(Callable),
    /// A class method: a module function moved onto the type.
    ClassMethod(Callable),
    /// `#[classattr] fn NAME() -> T`.
    ClassAttr(Ident),
    /// A dunder method with a slot.
    Slot(&'static SlotInfo, Callable),
}

/// A Python attribute defined by a `#[getter]`, a `#[setter]` or both.
pub struct GetSet {
    pub python_name: String,
    /// The `#[getter]` method.
    pub getter: Option<Callable>,
    /// The `#[setter]` method.
    pub setter: Option<Callable>,
    /// The getter's docs.
    pub docs: String,
}

/// `#[new]` or `#[init]`.
pub struct Constructor {
    /// The constructor as `tp_new` (or, with `init_form`, as `tp_init`).
    pub callable: Callable,
    /// `#[init]`: `tp_new` makes the `Default` value, `tp_init` runs the
    /// constructor.
    pub init_form: bool,
    /// The `__new__` static method form, for a class on a builtin other
    /// than `object` (`#[new]` only).
    pub new_function: Option<Callable>,
}

/// A `#[hpy_methods]` block, analysed.
pub struct MethodsBlock {
    pub self_ty: Type,
    /// The type's name, for messages and the static methods' module names.
    pub class_name: String,
    pub members: Vec<Member>,
    pub getsets: Vec<GetSet>,
    pub constructor: Option<Constructor>,
}

impl MethodsBlock {
    /// The slot methods of the given kinds.
    pub fn slots(&self, kind: impl Fn(&SlotKind) -> bool) -> Vec<(&'static SlotInfo, &Callable)> {
        self.members
            .iter()
            .filter_map(|m| match m {
                Member::Slot(info, callable) if kind(&info.kind) => Some((*info, callable)),
                _ => None,
            })
            .collect()
    }
}

/// Analyses the block, taking the markers and options off its methods.
/// The errors of single methods come back beside the model of the others,
/// so that one expansion reports every error of the block.
pub fn analyze_block(block: &mut ItemImpl) -> syn::Result<(MethodsBlock, Errors)> {
    if let Some((_, path, _)) = &block.trait_ {
        return Err(syn::Error::new(
            path.span(),
            "#[hpy_methods] goes on an inherent `impl` block, not a trait impl",
        ));
    }
    if !block.generics.params.is_empty() {
        return Err(syn::Error::new(block.generics.span(), "#[hpy_methods] cannot be generic"));
    }
    let self_ty = (*block.self_ty).clone();
    let class_name = match &self_ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        _ => return Err(syn::Error::new(self_ty.span(), "#[hpy_methods] needs a named type")),
    };
    let mut out =
        MethodsBlock { self_ty, class_name, members: Vec::new(), getsets: Vec::new(), constructor: None };
    let mut errors = Errors::default();
    for item in &mut block.items {
        let ImplItem::Fn(method) = item else { continue };
        errors.push(member(&mut out, method));
    }
    if let Some(constructor) = &out.constructor
        && constructor.init_form
        && let Some((_, init)) = out.slots(|k| *k == SlotKind::Init).first()
    {
        errors.push(Err(syn::Error::new(
            init.rust_name.span(),
            "an `#[init]` constructor is the class's `__init__`: define one or the other",
        )));
    }
    Ok((out, errors))
}

/// Analyses one method into `out`.
fn member(out: &mut MethodsBlock, method: &mut syn::ImplItemFn) -> syn::Result<()> {
    let (role, options) = take_method_attrs(&mut method.attrs)?;
    let ident = method.sig.ident.clone();
    let analyze = |place| analyze(&options, &method.sig, &method.attrs, place);
    match role {
        None => match find(&ident.to_string()) {
            Some(info) => {
                let place = if matches!(info.kind, SlotKind::Call | SlotKind::Init) {
                    Place::KeywordsMethod
                } else {
                    Place::Method
                };
                out.members.push(Member::Slot(info, analyze(place)?));
            }
            None => out.members.push(Member::Method(analyze(Place::Method)?)),
        },
        Some(RoleAttr::Static) => out.members.push(Member::StaticMethod(analyze(Place::StaticMethod)?)),
        Some(RoleAttr::Class) => out.members.push(Member::ClassMethod(analyze(Place::ClassMethod)?)),
        Some(RoleAttr::ClassAttr) => {
            if !method.sig.inputs.is_empty() {
                return Err(syn::Error::new(method.sig.inputs.span(), "a #[classattr] takes no parameters"));
            }
            out.members.push(Member::ClassAttr(ident));
        }
        Some(RoleAttr::New | RoleAttr::Init) if out.constructor.is_some() => {
            return Err(syn::Error::new(
                ident.span(),
                "a class has one constructor: `#[new]` or `#[init]`, once",
            ));
        }
        Some(role @ (RoleAttr::New | RoleAttr::Init)) => {
            let init_form = matches!(role, RoleAttr::Init);
            let callable = analyze(Place::Constructor(&out.class_name))?;
            let new_function =
                if init_form { None } else { Some(analyze(Place::NewFunction(&out.class_name))?) };
            out.constructor = Some(Constructor { callable, init_form, new_function });
        }
        Some(RoleAttr::Getter(name)) => accessor(out, analyze(Place::Method)?, name, true)?,
        Some(RoleAttr::Setter(name)) => accessor(out, analyze(Place::Method)?, name, false)?,
    }
    Ok(())
}

/// Adds a getter or setter to the [`GetSet`] of its Python name.
fn accessor(
    out: &mut MethodsBlock,
    callable: Callable,
    name: Option<syn::LitStr>,
    is_getter: bool,
) -> syn::Result<()> {
    let rust_name = callable.rust_name.to_string();
    let python_name = name.map(|n| n.value()).unwrap_or_else(|| {
        if is_getter {
            rust_name.clone()
        } else {
            rust_name.strip_prefix("set_").unwrap_or(&rust_name).to_string()
        }
    });
    let index = match out.getsets.iter().position(|g| g.python_name == python_name) {
        Some(index) => index,
        None => {
            let getset =
                GetSet { python_name: python_name.clone(), getter: None, setter: None, docs: String::new() };
            out.getsets.push(getset);
            out.getsets.len() - 1
        }
    };
    let entry = &mut out.getsets[index];
    if is_getter && !callable.docs.is_empty() {
        entry.docs = callable.docs.clone();
    }
    let span = callable.rust_name.span();
    let side = if is_getter { &mut entry.getter } else { &mut entry.setter };
    if side.replace(callable).is_some() {
        return Err(syn::Error::new(
            span,
            format!("`{python_name}` has two {}s", if is_getter { "getter" } else { "setter" }),
        ));
    }
    Ok(())
}
