// Passkeys: hands the options Connect made (the JSON in #passkey-options) to the browser's WebAuthn API, and sends its
// answer (credential.toJSON()) back in the button's form. Without script, or in a browser without passkeys, the button
// stays hidden and the page says why; the other ways of the page still work.
"use strict";

for (const button of document.querySelectorAll("button[data-passkey]")) {
    const form = document.getElementById(button.dataset.form);
    const message = document.getElementById("passkey-message");
    const say = text => {
        message.textContent = text;
        message.hidden = false;
    };
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
        say(button.dataset.unsupported);
        continue;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
        const options = JSON.parse(document.getElementById("passkey-options").textContent);
        button.disabled = true;
        message.hidden = true;
        try {
            const credential = button.dataset.passkey === "create"
                ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
                : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
            form.elements.namedItem("CredentialJson").value = JSON.stringify(credential.toJSON());
            form.submit();
        } catch (error) {
            button.disabled = false;
            say(error.name === "NotAllowedError" || error.name === "AbortError" ? button.dataset.cancelled : button.dataset.failed);
        }
    });
}
