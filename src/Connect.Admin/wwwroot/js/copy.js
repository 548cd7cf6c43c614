// Buttons that copy a text (recovery codes, an authenticator's secret) or print the page. Without script they stay
// hidden: the text can still be selected, and the download link needs none.
"use strict";

for (const button of document.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
        const source = document.getElementById(button.dataset.copy);
        await navigator.clipboard.writeText(source.dataset.value ?? source.innerText);
        const done = document.getElementById(button.dataset.copied);
        if (done) done.hidden = false;
    });
}

for (const button of document.querySelectorAll("button[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
}
