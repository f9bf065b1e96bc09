// GOV.UK template's first script, served as a file so the Content-Security-Policy needs no inline script.
// It must run at the very start of <body>, before anything renders, so styles for JavaScript-enhanced
// components apply from the first paint.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
