//! E-mail addresses, full-width ＠ and ． accepted.

use super::{Cell, Parsed, ValueError};

pub(super) fn email(cell: &Cell) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let Cell::Text { norm, .. } = cell else {
        return Err(ValueError::BadEmail { found });
    };
    match norm.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.contains('@')
                && !norm.contains(char::is_whitespace)
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty()) =>
        {
            Ok(Parsed::Email(format!("{local}@{}", domain.to_lowercase())))
        }
        _ => Err(ValueError::BadEmail { found }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::read::value::{Parsed, ValueError};

    // ------------------------------------------------------------ e-mail

    #[test]
    fn e_mail_addresses() {
        let email = column("liaison", "电子邮箱");
        assert_eq!(
            ok(&email, text(" Zhang.San@Example.COM ")),
            Parsed::Email("Zhang.San@example.com".to_owned())
        );
        assert_eq!(
            ok(&email, text("zhang＠qq．com")),
            Parsed::Email("zhang@qq.com".to_owned())
        );
        assert_eq!(
            zh_err(&email, text("zhang.qq.com")),
            "填写的是“zhang.qq.com”，不是有效的电子邮箱，应填写如 name@example.com 这样的邮箱地址"
        );
        for typed in [
            "a@b",
            "a b@qq.com",
            "@qq.com",
            "a@@qq.com",
            "a@qq..com",
            "a@qq.com.",
        ] {
            assert_eq!(
                err(&email, text(typed)),
                ValueError::BadEmail {
                    found: typed.to_owned()
                },
                "{typed}"
            );
        }
    }
}
