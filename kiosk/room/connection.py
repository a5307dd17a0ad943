"""One connection to the room's MQTT broker, its network loop on its own thread.

paho-mqtt (Eclipse Paho, the reference MQTT client for Python) does the protocol: it connects
in the background (``connect_async`` then ``loop_start``: the UI thread never waits for the
network) and reconnects by itself with a growing delay. Its callbacks run on its thread; this
object only turns them into Qt signals, which Qt delivers on the UI thread (queued
connections across threads).

Every message is a retained *state* (a kiosk's status, its call's latest event, the desk's
answer), sent with QoS 0 and sent again by its owner at each connection: what the broker or
the network lost is repaired at the next connection, and nothing old can come after something
new. QoS 1 was tried first: paho keeps unacknowledged messages and sends them again after
the next CONNACK, *after* what was published meanwhile, and a status from before an outage
then overwrote a newer one (seen in tests/test_room.py).

A message bigger than ``MAX_MESSAGE_BYTES`` is dropped here with a log line, before it crosses
to the UI thread. A broker that refuses us (a wrong password) is logged once per streak.
"""

from __future__ import annotations

import contextlib
import logging
import ssl
import threading

import paho.mqtt.client as mqtt
from PySide6.QtCore import QObject, Signal

from kiosk.core.room_config import RoomConfig
from kiosk.core.room_messages import MAX_MESSAGE_BYTES

log = logging.getLogger(__name__)
KEEPALIVE_SECONDS = 15  # the broker sends the Last Will 1.5 keep-alives after a kiosk is gone
QOS = 0  # states sent again at each connection (see above); the Last Will too is a state


class RoomConnection(QObject):
    """Publishes and subscribes on the room's broker.

    ``will`` is (topic, payload) sent by the broker if this client vanishes; ``subscriptions``
    are topic filters subscribed at each connection (a new session each time).
    Signals: connected(), disconnected(), received(str topic, bytes payload).
    """

    connected = Signal()
    disconnected = Signal()
    received = Signal(str, object)

    def __init__(
        self,
        config: RoomConfig,
        client_id: str,
        subscriptions: list[str] = (),  # type: ignore[assignment]
        will: tuple[str, bytes] | None = None,
        max_reconnect_seconds: int = 30,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.subscriptions = list(subscriptions)
        self._online = False
        self._refusals = 0
        self._started = False
        client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=client_id,
            protocol=mqtt.MQTTv311,
            clean_session=True,
        )
        client.reconnect_delay_set(min_delay=1, max_delay=max_reconnect_seconds)
        if config.user:
            client.username_pw_set(config.user, config.password or None)
        if will is not None:
            client.will_set(will[0], will[1], qos=QOS, retain=True)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        self.client = client

    @property
    def online(self) -> bool:
        return self._online

    def start(self) -> bool:
        """Begin connecting, in the background; False (logged) when TLS cannot be set up."""
        if self._started:
            return True
        config = self.config
        if config.ca_file:
            try:
                self.client.tls_set(ca_certs=config.ca_file)  # the server's name is checked too
            except (OSError, ssl.SSLError, ValueError) as error:
                log.error("room: the TLS certificate %s cannot be read (%s)", config.ca_file, error)
                return False
        self.client.connect_async(config.host, config.port, keepalive=KEEPALIVE_SECONDS)
        self.client.loop_start()
        self._started = True
        log.info("room: connecting to %s:%s, room %s", config.host, config.port, config.room)
        return True

    def publish(self, topic: str, payload: bytes, retain: bool = True) -> bool:
        """Send ``payload`` now if connected; False when it was not (the owner sends its state
        again at the next ``connected``)."""
        if not self._online:
            return False
        info = self.client.publish(topic, payload, qos=QOS, retain=retain)
        return info.rc == mqtt.MQTT_ERR_SUCCESS

    def stop(self) -> None:
        """Disconnect cleanly (the broker then keeps the Last Will to itself); never waits
        for a broker that does not answer."""
        if not self._started:
            return
        self._started = False
        online, self._online = self._online, False  # a clean stop is not a lost connection
        with contextlib.suppress(Exception):
            self.client.disconnect()
        if online:
            self.client.loop_stop()
        else:  # the loop may be inside a connect() that waits for its time-out
            threading.Thread(target=self.client.loop_stop, daemon=True).start()

    # -- paho's thread ----------------------------------------------------------------------------
    def _on_connect(self, client, _userdata, _flags, reason_code, _properties) -> None:
        if reason_code.is_failure:
            if self._refusals == 0:
                log.error("room: the broker refused this kiosk (%s)", reason_code)
            self._refusals += 1
            return
        self._refusals = 0
        for subscription in self.subscriptions:
            client.subscribe(subscription, qos=QOS)
        self._online = True
        log.info("room: connected to %s:%s", self.config.host, self.config.port)
        self.connected.emit()

    def _on_disconnect(self, _client, _userdata, _flags, reason_code, _properties) -> None:
        if self._online:
            log.warning("room: connection to the broker lost (%s)", reason_code)
        self._online = False
        self.disconnected.emit()

    def _on_message(self, _client, _userdata, message: mqtt.MQTTMessage) -> None:
        payload = message.payload
        try:
            topic = message.topic
        except UnicodeDecodeError:
            log.warning("room: message on a topic not in UTF-8 ignored")
            return
        if len(payload) > MAX_MESSAGE_BYTES:
            log.warning(
                "room: message on %s ignored: %d bytes, more than %d",
                topic[:120],
                len(payload),
                MAX_MESSAGE_BYTES,
            )
            return
        self.received.emit(topic, bytes(payload))
