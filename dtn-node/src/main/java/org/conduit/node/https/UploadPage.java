package org.conduit.node.https;

import org.conduit.manager.core.UploadLinks;

/**
 * The page behind an upload link: choose or drop files, each is sent with PUT and shows its progress and
 * outcome. Everything is inline (no CDN). Plain HTML controls keep it usable with a keyboard and a screen
 * reader; progress is announced through an ARIA live region.
 */
final class UploadPage {
    private UploadPage() {
    }

    static String render(UploadLinks.Link link, String uploadBase) {
        String title = link.label() == null ? "Upload files" : HtmlIndex.escape(link.label());
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>%s</title>
            <style>
              body { font-family: sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
              #drop { border: 2px dashed #666; padding: 2rem; text-align: center; }
              #drop.over { background: #eef; }
              li { margin: .3rem 0; } progress { width: 10rem; }
            </style></head>
            <body>
            <h1>%s</h1>
            <p>Files you send go to the person who shared this link. You cannot see, change or delete anything
            there. This link expires on %s.</p>
            %s
            <div id="drop"><label for="files">Choose files or drop them here</label><br>
            <input id="files" type="file" multiple></div>
            <ul id="list" aria-live="polite"></ul>
            <script>
            const base = %s;
            const password = () => { const p = document.getElementById('password'); return p ? p.value : null; };
            function send(file) {
              const item = document.createElement('li');
              const bar = document.createElement('progress'); bar.max = 100; bar.value = 0;
              const text = document.createElement('span'); text.textContent = ' ' + file.name + ': sending';
              item.append(bar, text); document.getElementById('list').append(item);
              const xhr = new XMLHttpRequest();
              xhr.open('PUT', base + encodeURIComponent(file.name));
              if (password()) { xhr.setRequestHeader('X-Link-Password', password()); }
              xhr.upload.onprogress = e => { if (e.lengthComputable) { bar.value = 100 * e.loaded / e.total; } };
              xhr.onload = () => {
                let message = 'failed (' + xhr.status + ')';
                try { message = JSON.parse(xhr.responseText).message || message; } catch (e) { }
                text.textContent = ' ' + file.name + ': ' + (xhr.status === 201 ? 'done' : message);
                if (xhr.status === 201) { bar.value = 100; }
              };
              xhr.onerror = () => { text.textContent = ' ' + file.name + ': the connection dropped; send it again'; };
              xhr.send(file);
            }
            document.getElementById('files').addEventListener('change', e => [...e.target.files].forEach(send));
            const drop = document.getElementById('drop');
            drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
            drop.addEventListener('dragleave', () => drop.classList.remove('over'));
            drop.addEventListener('drop', e => { e.preventDefault(); drop.classList.remove('over');
              [...e.dataTransfer.files].forEach(send); });
            </script>
            </body></html>
            """.formatted(title, title, HtmlIndex.escape(link.expiresAt().toString()),
            link.needsPassword() ? "<p><label for=\"password\">Password</label> <input id=\"password\""
                + " type=\"password\" autocomplete=\"off\"></p>" : "",
            "'" + uploadBase.replace("'", "") + "'");
    }
}
