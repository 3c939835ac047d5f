//! [`Errors`]: collects the errors of several items, so that one expansion
//! reports all of them at once.

/// Errors collected so far.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// Keeps `result`'s error, if any.
    pub fn push(&mut self, result: syn::Result<()>) {
        if let Err(error) = result {
            match &mut self.0 {
                Some(all) => all.combine(error),
                None => self.0 = Some(error),
            }
        }
    }

    /// `Err` with every collected error, or `Ok`.
    pub fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_error_in_order() {
        let mut errors = Errors::default();
        errors.push(Ok(()));
        assert!(Errors::default().finish().is_ok());
        errors.push(Err(syn::Error::new(proc_macro2::Span::call_site(), "first")));
        errors.push(Err(syn::Error::new(proc_macro2::Span::call_site(), "second")));
        let messages: Vec<String> = errors.finish().unwrap_err().into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages, ["first", "second"]);
    }
}
