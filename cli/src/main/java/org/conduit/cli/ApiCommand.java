package org.conduit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every verb shares: the root command's connection and output options (inherited by picocli, so they may
 * be given before or after the verb), the API client, and "done means exit code 0"; failures travel as
 * exceptions to the reports in {@link ConduitCli#commandLine}.
 */
abstract class ApiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    ConduitCli root() {
        return (ConduitCli) spec.root().userObject();
    }

    ManagerClient api() {
        return root().client();
    }

    Output output() {
        return root().output();
    }

    @Override
    public final Integer call() {
        run();
        return ConduitCli.OK;
    }

    abstract void run();
}
