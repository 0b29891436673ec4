package dev.trib.node.keyspace;

/** A value stored under a key. Collections are mutated in place by the commands that own them. */
public sealed interface RedisValue permits StringValue, ListValue, HashValue, SetValue, ZSetValue,
        StreamValue {
    ValueType type();
}
