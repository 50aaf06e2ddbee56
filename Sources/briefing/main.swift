import BriefingKit
print(Probe.version(), Probe.embedded())
