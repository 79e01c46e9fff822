namespace Storefront.Providers.CloudeSim;

public enum CloudeSimVolumeUnit { Mb, Bytes }
