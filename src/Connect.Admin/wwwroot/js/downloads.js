// Forms whose answer is a PDF with access codes (a letter, the letters of a batch or an import): the browser saves
// the file and stays on the page, which then no longer shows what Connect holds. Say that the file comes, and offer
// the link that shows the page again (with the new invitations). Without script the link is simply not offered.
"use strict";

for (const form of document.querySelectorAll("form[data-download]")) {
    form.addEventListener("submit", () => {
        const notice = document.getElementById("download-notice");
        if (notice) notice.hidden = false;
    });
}
