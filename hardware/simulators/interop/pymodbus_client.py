"""A second Modbus master we did not write: pymodbus (Debian's python3-pymodbus 3.0) reads and
writes what the test asks and decodes each value with its own payload decoder.

stdin: {"port": 1502, "steps": [{"unit": 1, "table": "input-register", "address": 0,
        "type": "float32", "wordOrder": "big", "write": 12.5?}, ...]}
stdout: one JSON list, per step {"value": <raw decoded number>} or {"error": "..."}.
"""
import json
import sys

from pymodbus.client import ModbusTcpClient
from pymodbus.constants import Endian
from pymodbus.payload import BinaryPayloadBuilder, BinaryPayloadDecoder

WIDTH = {"int16": 1, "uint16": 1, "bitfield": 1, "enum": 1, "int32": 2, "uint32": 2, "float32": 2, "float64": 4}
DECODE = {
    "int16": "decode_16bit_int", "uint16": "decode_16bit_uint", "bitfield": "decode_16bit_uint",
    "enum": "decode_16bit_uint", "int32": "decode_32bit_int", "uint32": "decode_32bit_uint",
    "float32": "decode_32bit_float", "float64": "decode_64bit_float",
}
ENCODE = {
    "int16": "add_16bit_int", "uint16": "add_16bit_uint", "bitfield": "add_16bit_uint",
    "enum": "add_16bit_uint", "int32": "add_32bit_int", "uint32": "add_32bit_uint",
    "float32": "add_32bit_float", "float64": "add_64bit_float",
}


def word_order(step):
    return Endian.Big if step.get("wordOrder", "big") == "big" else Endian.Little


def run(client, step):
    unit, table, address, kind = step["unit"], step["table"], step["address"], step["type"]
    if "write" in step:
        if table == "coil":
            reply = client.write_coil(address, bool(step["write"]), slave=unit)
        else:
            builder = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=word_order(step))
            value = step["write"] if kind.startswith("float") else int(step["write"])
            getattr(builder, ENCODE[kind])(value)
            reply = client.write_registers(address, builder.to_registers(), slave=unit)
        if reply.isError():
            return {"error": str(reply)}
    if table in ("coil", "discrete-input"):
        read = client.read_coils if table == "coil" else client.read_discrete_inputs
        reply = read(address, 1, slave=unit)
        return {"error": str(reply)} if reply.isError() else {"value": int(reply.bits[0])}
    read = client.read_input_registers if table == "input-register" else client.read_holding_registers
    reply = read(address, WIDTH[kind], slave=unit)
    if reply.isError():
        return {"error": str(reply)}
    decoder = BinaryPayloadDecoder.fromRegisters(reply.registers, byteorder=Endian.Big, wordorder=word_order(step))
    return {"value": getattr(decoder, DECODE[kind])()}


def main():
    request = json.load(sys.stdin)
    client = ModbusTcpClient("127.0.0.1", port=request["port"], timeout=3)
    if not client.connect():
        print(json.dumps({"error": "cannot connect"}))
        sys.exit(1)
    try:
        print(json.dumps([run(client, step) for step in request["steps"]]))
    finally:
        client.close()


main()
