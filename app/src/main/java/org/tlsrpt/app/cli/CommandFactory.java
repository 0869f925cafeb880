package org.tlsrpt.app.cli;

import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;

/** Makes picocli's command objects with the {@link Streams} they print to, where they take them. */
final class CommandFactory implements CommandLine.IFactory {

    private final Streams streams;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Streams streams) {
        this.streams = streams;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            var constructor = type.getDeclaredConstructor(Streams.class);
            constructor.setAccessible(true);
            return constructor.newInstance(streams);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
