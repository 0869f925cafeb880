package org.tlsrpt.bench;

/** One kind of client of the ingest: a connection that sends reports one after another until told to stop. */
interface Load {

    /** What a report is called in the output: "reports" over HTTP, "messages" over SMTP. */
    String unit();

    /** A new client, with its own connection; {@link Client#send()} is called from one thread only. */
    Client client() throws Exception;

    interface Client extends AutoCloseable {

        /** Sends the next report and waits for the answer: null when it was acknowledged (201 / 250), else the answer. */
        String send() throws Exception;

        @Override
        void close() throws Exception;
    }
}
