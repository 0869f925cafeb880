package org.tlsrpt.processor;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.tlsrpt.storage.TestClickHouse;

/**
 * One Kafka broker and one ClickHouse for every test class of a run that asks for them as parameters
 * ({@code @BeforeAll void start(TestKafka kafka, TestClickHouse clickhouse)}), started on first use and stopped when
 * the run ends: the broker alone takes 10-20 s to start here. Tests keep apart by their own topics
 * ({@link TestKafka#createTopic}) and databases ({@link TestClickHouse#freshDatabase}).
 */
public final class SharedInfrastructure implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestKafka.class || type == TestClickHouse.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(
                SharedInfrastructure.class));
        if (parameter.getParameter().getType() == TestKafka.class) {
            return store.getOrComputeIfAbsent(TestKafka.class, type -> new Closing<>(start(TestKafka::new)),
                    Closing.class).resource();
        }
        return store.getOrComputeIfAbsent(TestClickHouse.class, type -> new Closing<>(start(TestClickHouse::new)),
                Closing.class).resource();
    }

    private interface Starter<T> {
        T start() throws Exception;
    }

    private static <T> T start(Starter<T> starter) {
        try {
            return starter.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the shared test infrastructure", e);
        }
    }

    /** Closed by JUnit when the root store is closed, at the end of the run. */
    private record Closing<T extends AutoCloseable>(T resource) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
