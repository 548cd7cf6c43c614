// The member list, as the guide describes it: a double-click on a person opens their detail, and a click on a row
// checks the person for the menu's "Détail". Without script the name links and the radio buttons do the same.
"use strict";

for (const row of document.querySelectorAll("tr[data-detail]")) {
    row.addEventListener("dblclick", () => {
        window.location.assign(row.dataset.detail);
    });
    row.addEventListener("click", (event) => {
        if (event.target.closest("a, input, button, label")) return;
        const radio = row.querySelector("input[type=radio]");
        if (radio) radio.checked = true;
    });
}
