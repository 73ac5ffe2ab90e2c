package io.rigshift.runner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rigshift dataset}: check, make and describe training data before a run. */
@Command(name = "dataset",
        description = "Work with training data: validate a manifest of meshes, generate an example one, "
                + "inspect what a dataset holds.",
        subcommands = {
            DatasetValidateCommand.class,
            DatasetGenerateCommand.class,
            DatasetInspectCommand.class,
        })
public class DatasetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing dataset command: expected one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
