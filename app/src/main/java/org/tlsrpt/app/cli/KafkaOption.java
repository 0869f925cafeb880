package org.tlsrpt.app.cli;

import picocli.CommandLine.Option;

/** {@code --kafka HOST:PORT}, the same for {@code import} and {@code demo}: where the operator intake writes. */
final class KafkaOption {

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "The Kafka to write to (default: tlsrpt.kafka.bootstrap-servers, or the embedded broker "
                    + "of a running `tlsrpt run`).")
    String address;
}
