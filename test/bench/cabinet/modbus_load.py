"""Load drivers for the cabinet benchmark, on Debian's pymodbus 3.0 (run with /usr/bin/python3).

  modbus_load.py client <port> <seconds>   one connection, back-to-back FC4 reads of 6 registers at
                                           unit 1; prints {"requests": n, "errors": n, "seconds": s}
  modbus_load.py server <port>             a pymodbus TCP server with the same registers: the peer
"""
import json
import sys
import time


def client(port, seconds):
    from pymodbus.client import ModbusTcpClient

    master = ModbusTcpClient("127.0.0.1", port=port, timeout=3)
    if not master.connect():
        raise SystemExit(f"cannot connect to 127.0.0.1:{port}")
    requests = errors = 0
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline:
        reply = master.read_input_registers(0, 6, slave=1)
        requests += 1
        if reply.isError():
            errors += 1
    elapsed = time.perf_counter() - started
    master.close()
    print(json.dumps({"requests": requests, "errors": errors, "seconds": elapsed}))


def server(port):
    from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
    from pymodbus.server import StartTcpServer

    block = ModbusSequentialDataBlock(0, [0x4226, 0x0000] * 16)
    context = ModbusServerContext(slaves={1: ModbusSlaveContext(ir=block, hr=block)}, single=False)
    print("ready", flush=True)
    StartTcpServer(context=context, address=("127.0.0.1", port))


if sys.argv[1] == "client":
    client(int(sys.argv[2]), float(sys.argv[3]))
else:
    server(int(sys.argv[2]))
