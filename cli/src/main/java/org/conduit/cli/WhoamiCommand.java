package org.conduit.cli;

import picocli.CommandLine.Command;

/** {@code conduit whoami}: who the endpoint takes the caller for ({@code GET /api/me}), and their roles. */
@Command(name = "whoami", description = "Show the identity your token stands for, and its roles.",
    mixinStandardHelpOptions = true)
final class WhoamiCommand extends ApiCommand {
    @Override
    void run() {
        output().document(api().get("/api/me").path("data").path(0));
    }
}
