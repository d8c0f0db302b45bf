// Marks the page as having JavaScript before it is drawn, as GOV.UK Frontend expects (a file, not an
// inline script, so that the Content-Security-Policy can refuse every inline script).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
