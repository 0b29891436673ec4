package dev.trib.node.keyspace;

/** The Redis data types this node stores, with the names TYPE and SCAN TYPE use. */
public enum ValueType {
    STRING("string"),
    LIST("list"),
    SET("set"),
    ZSET("zset"),
    HASH("hash"),
    STREAM("stream");

    private final String typeName;

    ValueType(String typeName) {
        this.typeName = typeName;
    }

    public String typeName() {
        return typeName;
    }

    /** The type of the values of a class. */
    public static ValueType of(Class<? extends RedisValue> valueClass) {
        if (valueClass == StringValue.class) {
            return STRING;
        }
        if (valueClass == ListValue.class) {
            return LIST;
        }
        if (valueClass == SetValue.class) {
            return SET;
        }
        if (valueClass == StreamValue.class) {
            return STREAM;
        }
        return valueClass == ZSetValue.class ? ZSET : HASH;
    }
}
