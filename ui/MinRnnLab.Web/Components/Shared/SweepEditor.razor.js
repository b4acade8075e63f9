// The sweep editor's half in the browser. On every edit it marks the page's check as stale (until the circuit
// answers for the new text, the panel must not show results for the old one) and sends the text, or only its size
// when it is over the limit: a large paste then gets a clear message instead of exceeding the circuit's message limit.
const encoder = new TextEncoder();

export function attach(editor, dotNet, maxBytes) {
    editor.addEventListener('input', event => {
        if (!(event.target instanceof HTMLTextAreaElement))
            return;
        for (const check of document.querySelectorAll('[data-sweep-check]'))
            check.classList.add('stale');
        const text = event.target.value;
        const bytes = encoder.encode(text).length;
        let lines = 1;   // for the gutter, which must match the text even when the text is not sent
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
            lines++;
        // A rejected call means the circuit is gone: the check stays marked stale, which is the truth.
        dotNet.invokeMethodAsync('OnEdited', bytes <= maxBytes ? text : null, bytes, lines).catch(() => { });
    });
}
