/** The cooperative as its e-mails show it: name, colour and (if uploaded) logo. */
export interface EmailBrand {
  name: string;
  primaryColor: string;
  logoUrl: string | null;
  loginUrl: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Links in the plain text become links in the HTML; everything else is escaped. */
function paragraph(text: string): string {
  return escapeHtml(text)
    .split("\n")
    .map((line) => line.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" style="color:inherit">${url}</a>`))
    .join("<br>");
}

/**
 * The HTML version of an e-mail sent on a cooperative's behalf, built from
 * its plain text so both always say the same. Inline styles only: mail
 * clients drop style sheets.
 */
export function brandedEmailHtml(brand: EmailBrand, subject: string, text: string): string {
  const colour = /^#[0-9a-f]{6}$/i.test(brand.primaryColor) ? brand.primaryColor : "#0b7a53";
  const logo = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="" width="40" height="40" style="vertical-align:middle;border-radius:6px;background:#fff;margin-right:12px">`
    : "";
  const body = text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 16px">${paragraph(p.trim())}</p>`)
    .join("");
  return [
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328">`,
    `<div style="max-width:560px;margin:0 auto;background:#fff">`,
    `<div style="background:${colour};color:#fff;padding:16px 24px;font-size:18px;font-weight:bold">${logo}${escapeHtml(brand.name)}</div>`,
    `<div style="padding:24px;font-size:15px;line-height:1.5">${body}</div>`,
    `<div style="padding:16px 24px;font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb">`,
    `${escapeHtml(brand.name)} · <a href="${escapeHtml(brand.loginUrl)}" style="color:${colour}">${escapeHtml(brand.loginUrl)}</a><br>Dikirim lewat Koperasi Pintar`,
    `</div></div></body></html>`,
  ].join("");
}
