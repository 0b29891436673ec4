package dev.trib.node.command.geo;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.geo.GeoRadiusCommand.Form;
import dev.trib.node.command.zset.ZAddCommand;
import dev.trib.node.keyspace.Keyspace;

/** Geo commands on sorted sets whose scores are 52-bit geohashes. */
public final class GeoCommands {
    private GeoCommands() {
    }

    public static void register(CommandTable table, Keyspace ks) {
        table.addSingleKey("geoadd", -5, new GeoAddCommand(ZAddCommand.zadd(ks)), WRITE, DENYOOM)
                .addSingleKey("geodist", -4, new GeoDistCommand(ks), READONLY)
                .addSingleKey("geohash", -2, new GeoPosCommand(ks, true), READONLY)
                .addSingleKey("geopos", -2, new GeoPosCommand(ks, false), READONLY)
                .addSingleKey("georadius", -6, new GeoRadiusCommand(ks, Form.RADIUS, false), WRITE, DENYOOM,
                        MOVABLEKEYS)
                .addSingleKey("georadius_ro", -6, new GeoRadiusCommand(ks, Form.RADIUS, true), READONLY)
                .addSingleKey("georadiusbymember", -5, new GeoRadiusCommand(ks, Form.RADIUS_BY_MEMBER, false), WRITE,
                        DENYOOM, MOVABLEKEYS)
                .addSingleKey("georadiusbymember_ro", -5, new GeoRadiusCommand(ks, Form.RADIUS_BY_MEMBER, true),
                        READONLY)
                .addSingleKey("geosearch", -7, new GeoRadiusCommand(ks, Form.SEARCH, false), READONLY)
                .add("geosearchstore", -8, 1, 2, 1, new GeoRadiusCommand(ks, Form.SEARCH_STORE, false), WRITE,
                        DENYOOM);
    }
}
