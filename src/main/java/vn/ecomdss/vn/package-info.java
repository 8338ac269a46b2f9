/** Vietnamese market rules (phones, geography, postal codes, names, lunar calendar, payments) as plain Java. */
package vn.ecomdss.vn;
