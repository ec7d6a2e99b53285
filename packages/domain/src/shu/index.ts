// SHU: the year's surplus into the AD/ART's pools, and the member pools among
// members by their basis. The server reads the bases from the books.
export * from "./allocation";
export * from "./member-shares";
